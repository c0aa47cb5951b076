/**
 * Messages that help (issue 9, item 6): each bad input below is made by the test from the
 * importers' small fixtures; each is refused with exit 2, naming the file and the place (never
 * "(somewhere)"), saying what is wrong, with no stack trace and nothing written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, exposure, handSnapshot, scratch, writeJson } from './helpers.js';
import { expectRefusal, fingerprint } from './reliability-helpers.js';

const FIXTURES = join(ROOT, 'packages/ingest/test/fixtures');
const trivy = () => readFile(join(FIXTURES, 'trivy', 'image.json'), 'utf8');
const EPSS_HEAD = '#model_version:v2025.03.14,score_date:2026-11-01T00:00:00Z\n';

/** Writes `files` into a fresh folder, runs `exposure score ARGS` there, checks the refusal. */
async function refused(
  files: Record<string, string | Buffer>,
  args: string[],
  file: string,
  place: string | RegExp,
): Promise<string> {
  const dir = await scratch('messages');
  await writeJson(join(dir, 'fleet.json'), handSnapshot());
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const before = await fingerprint(dir);
  const r = await exposure(['score', ...args], { cwd: dir });
  expectRefusal(r, file, place);
  expect(r.stderr).not.toContain('somewhere');
  expect(await fingerprint(dir)).toEqual(before);
  return r.stderr;
}

beforeAll(() => assertBuilt());

describe('JSON that is not JSON', () => {
  it('NaN is named at its line and column', async () => {
    const text = (await trivy()).replace(/"V3Score": [\d.]+/, '"V3Score": NaN');
    const line = text.slice(0, text.indexOf('NaN')).split('\n').length;
    const stderr = await refused(
      { 'scan.json': text },
      ['scan.json'],
      'scan.json',
      `line ${line}, column`,
    );
    expect(stderr).toContain('NaN is not a JSON number');
  });

  it('Infinity likewise', async () => {
    const text = (await trivy()).replace('"Results": [', '"Extra": -Infinity, "Results": [');
    const stderr = await refused(
      { 'scan.json': text },
      ['scan.json'],
      'scan.json',
      /line \d+, column \d+/,
    );
    expect(stderr).toContain('-Infinity is not a JSON number');
  });

  it('a comment likewise', async () => {
    const text = (await trivy()).replace('"ArtifactName"', '// built by CI\n  "ArtifactName"');
    const stderr = await refused(
      { 'scan.json': text },
      ['scan.json'],
      'scan.json',
      'line 4, column 3',
    );
    expect(stderr).toContain('JSON has no comments');
  });
});

describe('gzip that breaks off', () => {
  it('is reported as a truncated gzip, not as bad JSON', async () => {
    const gz = gzipSync(await trivy());
    const stderr = await refused(
      { 'scan.json.gz': gz.subarray(0, Math.floor(gz.length * 0.6)) },
      ['scan.json.gz'],
      'scan.json.gz',
      /after \d+ decompressed bytes/,
    );
    expect(stderr).toContain('truncated');
    expect(stderr).not.toContain('not valid JSON');
  });

  it('also for a streamed CSV feed (once an unhandled stream error)', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `CVE-2026-${10000 + i},0.01,0.5\n`);
    const gz = gzipSync(EPSS_HEAD + 'cve,epss,percentile\n' + rows.join(''));
    const stderr = await refused(
      { 'epss.csv.gz': gz.subarray(0, Math.floor(gz.length / 2)) },
      ['fleet.json', '--epss', 'epss.csv.gz'],
      'epss.csv.gz',
      /after \d+ decompressed bytes/,
    );
    expect(stderr).toContain('truncated');
  });
});

describe('fields that are missing', () => {
  it('a Grype match without vulnerability says the field is missing', async () => {
    const doc = JSON.parse(await readFile(join(FIXTURES, 'grype', 'image.json'), 'utf8')) as {
      matches: Array<Record<string, unknown>>;
    };
    delete doc.matches[1]!.vulnerability;
    const stderr = await refused(
      { 'grype.json': JSON.stringify(doc) },
      ['grype.json'],
      'grype.json',
      '$.matches[1].vulnerability',
    );
    expect(stderr).toContain('the field is missing');
    expect(stderr).not.toContain('undefined');
  });
});

describe('CSV', () => {
  it.each([
    [
      'an unclosed quote',
      'device,group\nd1,"Web\nd2,Data\n',
      'line 3',
      /quoted field is never closed/,
    ],
    ['a stray quote', 'device,group\nd1,Web\nd2,Da"ta\n', 'line 3', /a quote inside a field/],
    [
      'text after a closing quote',
      'device,group\nd1,"Web"x\n',
      'line 2',
      /text follows a closing quote/,
    ],
  ])('assets: %s exits 2 with the file and the line', async (_, csv, line, problem) => {
    const stderr = await refused(
      { 'assets.csv': csv },
      ['fleet.json', '--assets', 'assets.csv'],
      'assets.csv',
      `(${line})`,
    );
    expect(stderr).toMatch(problem);
  });

  it('EPSS: a quote error exits 2 with the file and the line', async () => {
    const csv = EPSS_HEAD + 'cve,epss,percentile\nCVE-2026-0001,0.1,0.5\nCVE-2026-0002,0."2,0.5\n';
    await refused(
      { 'epss.csv': csv },
      ['fleet.json', '--epss', 'epss.csv'],
      'epss.csv',
      '(line 4)',
    );
  });

  it('EPSS separated by ";" is reported at its header line, with the reason', async () => {
    const csv = EPSS_HEAD + 'cve;epss;percentile\nCVE-2026-0001;0.1;0.5\n';
    const stderr = await refused(
      { 'epss.csv': csv },
      ['fleet.json', '--epss', 'epss.csv'],
      'epss.csv',
      '(line 2)',
    );
    expect(stderr).toContain('separated by ";"');
  });

  it('EPSS rows separated by ";" under a comma header are reported at the first such row', async () => {
    const csv = EPSS_HEAD + 'cve,epss,percentile\nCVE-2026-0001,0.1,0.5\n\nCVE-2026-0002;0.2;0.5\n';
    const stderr = await refused(
      { 'epss.csv': csv },
      ['fleet.json', '--epss', 'epss.csv'],
      'epss.csv',
      '(line 5)',
    );
    expect(stderr).toContain('has 1 field where the header has 3');
  });
});
