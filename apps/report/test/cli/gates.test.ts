import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, handSnapshot, tempDir, testDeps, writeJson } from './helpers.js';

/*
 * handSnapshot (2026-11-01): E = 13.0625 → score 13.06, display 13, level low.
 *   d1 CVE-2026-0001 CVSS 8.0 (high: 30 days), KEV;  d1 CVE-2026-0002 CVSS 10 (critical: 7 days);
 *   d2 CVE-2026-0003 CVSS 5.0 (medium: 90 days).
 */
let dir: string;
let one: string;
beforeAll(async () => {
  dir = await tempDir();
  one = await writeJson(join(dir, 'one', 'snapshot.json'), handSnapshot());
});

async function scored(args: string[]) {
  const r = await cli(['score', ...args], { cwd: dir });
  return { ...r, summary: r.stdout };
}

describe('--max-score', () => {
  it('below and at the threshold: exit 0; above: exit 3 with the same complete output', async () => {
    const below = await scored([one, '--max-score', '14']);
    const at = await scored([one, '--max-score', '13.06']);
    const above = await scored([one, '--max-score', '13']);
    expect([below.code, at.code, above.code]).toEqual([0, 0, 3]);
    expect(below.stderr).toBe('');
    expect(at.stderr).toBe('');
    expect(above.stderr).toBe(
      'exposure: gate crossed: --max-score 13: the exposure score is 13.06, 0.06 above it\n',
    );
    expect(above.stdout).toBe(below.stdout);
    expect(above.stdout).toMatch(/^Model\s+exposure-model\/2$/m);
  });

  it('refuses a value that is not a score', async () => {
    const r = await scored([one, '--max-score', 'high']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-score.*should be a number from 0 to 100/);
  });
});

describe('--fail-on', () => {
  it('the level at the threshold or above crosses it; below does not', async () => {
    const at = await scored([one, '--fail-on', 'low', '--json']);
    const below = await scored([one, '--fail-on', 'medium', '--json']);
    expect(at.code).toBe(3);
    expect(at.stderr).toBe(
      "exposure: gate crossed: --fail-on low: the organization's level is low (score 13.06, shown as 13)\n",
    );
    expect(below.code).toBe(0);
    // The document is written in full either way.
    expect(JSON.parse(at.stdout)).toEqual(JSON.parse(below.stdout));
  });

  it('a level above the threshold crosses it', async () => {
    // Every device carries the KEV weakness at CVSS 10: r = 0.5 each, D = 50, E = 50 → medium.
    const s = handSnapshot();
    s.weaknesses[0]!.cvss = { version: '3.1', score: 10 };
    s.findings = ['d1', 'd2', 'd3'].map((device) => ({
      device,
      weakness: 'CVE-2026-0001',
      software: { vendor: 'acme', product: 'httpd', version: '2.0' },
      fixedVersion: '2.1',
    }));
    const file = await writeJson(join(dir, 'medium', 's.json'), s);
    const r = await scored([file, '--fail-on', 'low']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--fail-on low: the organization's level is medium \(score 50\.00/);
    expect(r.stdout).toMatch(/^Exposure score\s+50\.00 of 100: 50, medium$/m);
  });
});

describe('--fail-on-overdue', () => {
  async function twoRuns(firstDay: string): Promise<string[]> {
    const folder = join(dir, `overdue-${firstDay}`);
    return [
      await writeJson(join(folder, 'a.json'), handSnapshot({ takenAt: `${firstDay}T00:00:00Z` })),
      await writeJson(join(folder, 'b.json'), handSnapshot()),
    ];
  }

  it('nothing overdue (one run: every pair is new): exit 0', async () => {
    const r = await scored([one, '--fail-on-overdue']);
    expect(r.code).toBe(0);
    // The critical CVE-2026-0002 first seen today is due in 7 days: due soon, not overdue.
    expect(r.stdout).toMatch(/^Deadlines\s+0 overdue, 1 due within 7 days, 2 on time/m);
  });

  it('a pair due on the day itself is not yet overdue: exit 0', async () => {
    // First seen 2026-10-25: the critical CVE-2026-0002 is due 2026-11-01, the day of the run.
    const r = await scored([...(await twoRuns('2026-10-25')), '--fail-on-overdue']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Deadlines\s+0 overdue, 1 due within 7 days, 2 on time/m);
  });

  it('pairs past their deadline: exit 3, naming how many and the worst', async () => {
    // First seen 2026-10-01: critical due 10-08 (24 days late), high due 10-31 (1 day late).
    const r = await scored([...(await twoRuns('2026-10-01')), '--fail-on-overdue']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'exposure: gate crossed: --fail-on-overdue: 2 open weaknesses are past the remediation deadline ' +
        '(the most overdue: CVE-2026-0002 on d1, due 2026-10-08, 24 days late)\n',
    );
    expect(r.stdout).toMatch(/^Deadlines\s+2 overdue, 0 due within 7 days, 1 on time/m);
    expect(r.stdout).toMatch(
      /^Oldest KEV\s+CVE-2026-0001 on d1: open 31 days, due 2026-10-31 \(overdue\)$/m,
    );
  });

  it('a KEV listing due earlier than the policy makes a pair overdue', async () => {
    const kev = await writeJson(join(dir, 'kev-due', 'kev.json'), {
      catalogVersion: '2026.10.30',
      vulnerabilities: [{ cveID: 'CVE-2026-0001', dueDate: '2026-10-20' }],
    });
    const r = await scored([one, '--kev', kev, '--fail-on-overdue', '--json']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as {
      deadlines: { overdue: number; overduePairs: Array<Record<string, unknown>> };
    };
    expect(doc.deadlines.overdue).toBe(1);
    expect(doc.deadlines.overduePairs).toEqual([
      {
        device: 'd1',
        weakness: 'CVE-2026-0001',
        firstSeen: '2026-11-01',
        due: '2026-10-20',
        dueFrom: 'kev',
        status: 'overdue',
        daysLeft: -12,
      },
    ]);
  });
});

describe('--fail-on-new-kev', () => {
  it('a KEV weakness open now and not at the previous point crosses it', async () => {
    const before = handSnapshot({ takenAt: '2026-10-01T00:00:00Z' });
    before.findings = before.findings.filter((f) => f.weakness !== 'CVE-2026-0001');
    const a = await writeJson(join(dir, 'newkev', 'a.json'), before);
    const b = await writeJson(join(dir, 'newkev', 'b.json'), handSnapshot());
    const r = await scored([a, b, '--fail-on-new-kev']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'exposure: gate crossed: --fail-on-new-kev: 1 known exploited weakness is open that was not at the previous point: CVE-2026-0001\n',
    );
    expect(r.stdout).toMatch(/^New KEV\s+1 since the previous point: CVE-2026-0001$/m);
  });

  it('one open at both points, or no previous point at all: exit 0', async () => {
    const a = await writeJson(
      join(dir, 'oldkev', 'a.json'),
      handSnapshot({ takenAt: '2026-10-01T00:00:00Z' }),
    );
    expect((await scored([a, one, '--fail-on-new-kev'])).code).toBe(0);
    expect((await scored([one, '--fail-on-new-kev'])).code).toBe(0);
  });
});

describe('gates on exposure report', () => {
  it('the site is written in full, then exit 3', async () => {
    const out = join(dir, 'site');
    const r = await cli(['report', one, '--out', out, '--max-score', '10'], {
      cwd: dir,
      deps: testDeps(),
    });
    expect(r.code).toBe(3);
    // The pages and exposure.json, and the history (history.json and its state file).
    expect(r.stdout).toMatch(/^Wrote 8 files to .*: exposure score 13\.06 \(low\)$/m);
    expect(r.stderr).toMatch(
      /gate crossed: --max-score 10: the exposure score is 13\.06, 3\.06 above it/,
    );
    const doc = JSON.parse(await readFile(join(out, 'exposure.json'), 'utf8')) as { score: number };
    expect(doc.score).toBe(13.06);
  });

  it('lists the exit code 3 in --help', async () => {
    const r = await cli(['score', '--help'], { cwd: dir });
    expect(r.stdout).toMatch(
      /^ {2}3 {2}a gate \(--fail-on, --max-score, --fail-on-overdue, --fail-on-new-kev\)/m,
    );
    expect(r.stdout).toMatch(/--fail-on-overdue/);
  });
});
