import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_SCHEMA,
  ROOT,
  assertBuilt,
  exposure,
  handSnapshot,
  scratch,
  writeJson,
} from './helpers.js';

/** The shared real-world fixtures (see ../shared/fixtures/SOURCES.md), beside the checkout. */
const FIXTURES = join(ROOT, '..', 'shared', 'fixtures');

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await scratch('score');
});

describe('exposure score (built CLI)', () => {
  it('prints the hand-computed score of a small native snapshot', async () => {
    const file = await writeJson(join(dir, 'one.json'), handSnapshot());
    const r = await exposure(['score', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Organization\s+Contoso$/m);
    expect(r.stdout).toMatch(/^Exposure score\s+13\.06 of 100: 13, low$/m);
    expect(r.stdout).toMatch(/^Devices\s+3 in scope: 0 high, 1 medium, 1 low, 1 none$/m);
    // Removing the KEV finding leaves D1 = 20: E' = 20.25 / 4 = 5.0625, an impact of 8.00.
    expect(r.stdout).toMatch(/^\s+1\.\s+-8\.00\s+Update acme httpd to 2\.1\b/im);
  });

  it.skipIf(!existsSync(FIXTURES))(
    'names the feeds it used: KEV catalog version, EPSS model version and score date',
    async () => {
      const fixtures = FIXTURES;
      const r = await exposure([
        'score',
        join(fixtures, 'trivy', 'trivy-ubuntu-1804.json'),
        '--kev',
        join(fixtures, 'kev-epss', 'cisa-kev-2025.08.25-full.json'),
        '--epss',
        join(fixtures, 'kev-epss', 'epss-scores-2026-09-29-first100.csv'),
        '--org',
        'Fixture Org',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Organization\s+Fixture Org$/m);
      expect(r.stdout).toMatch(
        /^Feeds\s+CISA KEV catalog 2025\.08\.25 \(1404 known exploited\); EPSS v2026\.06\.15, scores of 2026-09-29T12:00:22Z$/m,
      );
    },
  );

  it('reads a gzipped snapshot the same way', async () => {
    const file = join(dir, 'one.json.gz');
    await writeFile(file, gzipSync(JSON.stringify(handSnapshot())));
    const r = await exposure(['score', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/13\.06 of 100/);
  });

  it('--json prints a document that validates against exposure-report/1 and has its fields', async () => {
    const file = await writeJson(join(dir, 'json.json'), handSnapshot());
    const r = await exposure(['score', file, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA, 'utf8')) as object);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc).toMatchObject({
      schema: 'exposure-report/1',
      model: 'exposure-model/2',
      organization: 'Contoso',
      score: 13.06,
      display: 13,
      level: 'low',
      previous: null,
      devices: { total: 3, byLevel: { high: 0, medium: 1, low: 1, none: 1 } },
      findings: { total: 3, open: 3 },
      changes: [],
    });
    const recs = doc.recommendations as Array<{
      id: string;
      exposureImpact: number;
      weaknesses: string[];
    }>;
    expect(recs[0]).toMatchObject({
      id: 'software/acme/httpd',
      exposureImpact: 8,
      weaknesses: ['CVE-2026-0001'],
    });
    const inputs = doc.inputs as {
      digest: string;
      files: Array<{ path: string; format: string; sha256: string }>;
    };
    expect(inputs.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(inputs.files).toHaveLength(1);
    expect(inputs.files[0]!.path).toContain('json.json');
  });

  it('several snapshot files at different times make a trend with its changes', async () => {
    const october = handSnapshot({ takenAt: '2026-10-01T00:00:00Z' });
    october.findings = october.findings.filter((f) => f.weakness !== 'CVE-2026-0001');
    const september = handSnapshot({ takenAt: '2026-09-01T00:00:00Z' });
    september.findings = [];
    const files = [
      await writeJson(join(dir, 'trend', 'nov.json'), handSnapshot()),
      await writeJson(join(dir, 'trend', 'sep.json'), september),
      await writeJson(join(dir, 'trend', 'oct.json'), october),
    ];
    const r = await exposure(['score', ...files, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      trend: Array<{ asOf: string; score: number }>;
      changes: Array<{
        from: string;
        to: string;
        delta: number;
        spike: boolean;
        steps: Array<{ kind: string; delta: number; weaknesses: Array<{ id: string }> }>;
      }>;
      previous: { score: number } | null;
    };
    expect(doc.trend.map((p) => [p.asOf.slice(0, 10), p.score])).toEqual([
      ['2026-09-01', 0],
      ['2026-10-01', 5.06],
      ['2026-11-01', 13.06],
    ]);
    expect(doc.previous).toMatchObject({ score: 5.06 });
    expect(doc.changes.map((c) => [c.delta, c.spike])).toEqual([
      [5.06, true],
      [8, true],
    ]);
    for (const c of doc.changes) {
      expect(c.steps.reduce((s, x) => s + x.delta, 0)).toBeCloseTo(c.delta, 10);
    }
    const last = doc.changes[1]!;
    const main = [...last.steps].sort((a, b) => b.delta - a.delta)[0]!;
    expect(main.kind).toMatch(/^new-/);
    expect(main.weaknesses.map((w) => w.id)).toEqual(['CVE-2026-0001']);
    const human = await exposure(['score', ...files]);
    expect(human.stdout).toMatch(/^Change\s+\+8\.00 since 2026-10-01/m);
  });

  it.each([
    [
      'truncated JSON',
      'cut.json',
      async (p: string) => writeFile(p, JSON.stringify(handSnapshot()).slice(0, 200)),
      /truncated|line \d+/,
    ],
    [
      'an unknown format',
      'mystery.json',
      async (p: string) => writeFile(p, '{"hello": "world"}'),
      /not in a format Exposure reads/,
    ],
    [
      'a .gz that is not gzip',
      'fake.json.gz',
      async (p: string) => writeFile(p, JSON.stringify(handSnapshot())),
      /not gzip/,
    ],
  ])('exits 2 on %s and names the file', async (_, name, make, problem) => {
    const file = join(dir, 'bad', name);
    await writeJson(file, {});
    await make(file);
    const r = await exposure(['score', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`exposure: ${file}`);
    expect(r.stderr).toMatch(problem);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on an unknown option, and prints the version', async () => {
    const bad = await exposure(['score', '--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--frobnicate'/);
    const version = await exposure(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});
