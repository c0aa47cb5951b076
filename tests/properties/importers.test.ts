/**
 * Property tests per importer (issue 9): random mutations of a small valid file — a value
 * replaced by a hostile one, a key deleted, text cut, inserted or overwritten — never crash or
 * hang the reading and scoring a run does. Each case either scores or is refused with the
 * ingest package's clean InputError (the CLI's exit 2). The seeds are the importers' own small
 * fixtures; every mutated file is made here. 1,000 cases per importer when CI=true, else
 * PROPERTY_RUNS (default 100).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createContext, importers, InputError, loadInputs, openSource } from '@exposure/ingest';
import { evaluate, EvaluationError } from '@exposure/score';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';

const RUNS = process.env.CI === 'true' ? 1000 : Number(process.env.PROPERTY_RUNS ?? 100);
/** One case must settle well within this, or it counts as a hang. */
const CASE_MS = 10_000;
const FIXTURES = join(ROOT, 'packages/ingest/test/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'exposure-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that importers trip over: wrong types, impossible dates, odd vectors, control bytes. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    true,
    [],
    {},
    [null],
    '2026-02-30T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1',
    '0001-01-01T00:00:00Z',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L',
    'CVSS:9.9/XX:Y',
    'CVE-2026-0001',
    '../../etc/passwd',
    '\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007',
    '\u202eevil',
    'x'.repeat(10_000),
    '__proto__',
    { __proto__: null, constructor: 'x' } as unknown as Json,
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Every path to a value in the document, in document order. */
function paths(
  value: Json,
  at: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
) {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function mutateAt(doc: Json, path: Array<string | number>, replace: Json | undefined): Json {
  if (path.length === 0) return replace ?? null;
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replace === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replace;
  return copy as Json;
}

type Mutation =
  | { kind: 'value'; at: number; value: Json | undefined }
  | { kind: 'text'; at: number; remove: number; insert: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('value' as const),
      at: fc.nat(),
      value: fc.option(hostile, { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('NaN', '//', '"', '\\', '{', ']', ',', '\n', '\uFEFF', '\u0000'),
      ),
    }),
  },
);

/** The seed as text after the mutations: structural ones on the parsed JSON, then text ones. */
function apply(seed: string, mutations: readonly Mutation[], lines: boolean): string {
  const records = lines
    ? seed
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Json)
    : [JSON.parse(seed) as Json];
  let docs = records;
  for (const m of mutations.filter((m) => m.kind === 'value')) {
    const r = m.at % docs.length;
    const all = paths(docs[r]!);
    docs = docs.map((d, i) =>
      i === r ? mutateAt(d, all[Math.floor(m.at / docs.length) % all.length]!, m.value) : d,
    );
  }
  let text = lines
    ? docs.map((d) => JSON.stringify(d)).join('\n') + '\n'
    : JSON.stringify(docs[0], null, 2);
  for (const m of mutations.filter(
    (m): m is Extract<Mutation, { kind: 'text' }> => m.kind === 'text',
  )) {
    const at = m.at % (text.length + 1);
    text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
  }
  return text;
}

/**
 * The importer itself on the file (whether or not detection would pick it), then, when it
 * accepts the file, reading and scoring it as `exposure score` does. Resolves, or throws a clean
 * error; anything else (a TypeError, a RangeError, a V8 limit) fails the property.
 */
async function scoreFile(path: string, format: string): Promise<'scored' | 'refused'> {
  try {
    const importer = importers.find((i) => i.format === format);
    if (!importer) throw new Error(`no importer ${format}`);
    await importer.import(await createContext(await openSource(path, path)));
    const loaded = await loadInputs([path], { asOf: Date.parse('2026-11-02T00:00:00Z') });
    evaluate({
      observations: loaded.observations,
      feeds: loaded.feeds,
      inputs: loaded.inputs,
      warnings: loaded.warnings,
    });
    return 'scored';
  } catch (e) {
    if (e instanceof InputError || e instanceof EvaluationError) return 'refused';
    throw e;
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${CASE_MS} ms (a hang)`)),
      CASE_MS,
    );
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

const SEEDS: Array<
  [format: string, fixture: string, options?: { lines?: boolean; gzip?: boolean }]
> = [
  ['trivy', 'trivy/image.json'],
  ['grype', 'grype/image.json'],
  ['osv-scanner', 'osv-scanner/project.json'],
  ['npm-audit', 'npm-audit/webapp.json'],
  ['sarif', 'sarif/advisories.sarif.json'],
  ['cyclonedx', 'cyclonedx/shop-bom-1.6.json'],
  ['defender-software-vulnerabilities', 'defender/software-vulnerabilities.json'],
  ['defender-export', 'defender/export-vulnerabilities.jsonl', { lines: true, gzip: true }],
  ['native', 'native/contoso.json'],
];

describe('random mutations of a valid file never crash or hang the importer', () => {
  it.each(SEEDS)('%s', async (name, fixture, options = {}) => {
    const seed = readFileSync(join(FIXTURES, fixture), 'utf8');
    const ext = options.lines ? '.jsonl' : '.json';
    // The seed itself scores: the property starts from a valid file.
    const base = join(dir, `${name.replace(/\W+/g, '-')}-seed${ext}`);
    writeFileSync(base, seed);
    expect(await scoreFile(base, name)).toBe('scored');
    let n = 0;
    const outcomes = { scored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const text = apply(seed, mutations, options.lines ?? false);
        const file = join(
          dir,
          `${name.replace(/\W+/g, '-')}-${n++}${ext}${options.gzip ? '.gz' : ''}`,
        );
        writeFileSync(file, options.gzip ? gzipSync(text) : text);
        try {
          outcomes[await withTimeout(scoreFile(file, name), file)]++;
        } finally {
          rmSync(file, { force: true });
        }
      }),
      { numRuns: RUNS },
    );
    // Both outcomes occur: the mutations reach the importer's checks and its happy path alike.
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
