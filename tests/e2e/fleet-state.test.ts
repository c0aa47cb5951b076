/**
 * The fleet state end to end, through the built CLI: scans of one fleet taken minutes apart all
 * count, an undated scan works alone, and daily runs into one site carry the trend forward.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI, exposure, readTree, ROOT, scratch, writeJson } from './helpers.js';

const FIXTURES = join(ROOT, '..', 'shared', 'fixtures');
const haveFixtures = existsSync(FIXTURES);
if (!haveFixtures && process.env.CI === 'true')
  throw new Error(`${FIXTURES} is missing: CI must run these tests on the real fixtures`);

interface Doc {
  score: number;
  asOf: string;
  devices: { total: number; outOfScope: number; items: Array<{ id: string; score: number }> };
  trend: Array<{ asOf: string; score: number }>;
  changes: Array<{ from: string; to: string; delta: number; steps: Array<{ delta: number }> }>;
  inputs: { files: Array<{ path: string; takenAt?: string; timeSource: string | null }> };
  warnings: string[];
  history: { days: number } | null;
}

async function json(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

beforeAll(() => assertBuilt());

describe.runIf(haveFixtures)('scans of one fleet taken minutes apart (real tool output)', () => {
  it('scores every scanned device, Log4Shell (KEV) included', async () => {
    const dir = await scratch('four-scanners');
    const at = (minutes: number) => new Date(Date.parse('2026-11-20T09:00:00Z') + minutes * 60_000);
    const trivy = await json(join(FIXTURES, 'trivy/trivy-debian-buster.json'));
    trivy.CreatedAt = at(0).toISOString();
    await writeJson(join(dir, 'scans/trivy.json'), trivy);
    const grype = await json(join(FIXTURES, 'grype/defectdojo-grype-many_vulns3.json'));
    (grype.descriptor as Record<string, unknown>).timestamp = at(7).toISOString();
    await writeJson(join(dir, 'scans/grype.json'), grype);
    const cdx = await json(join(FIXTURES, 'cyclonedx/defectdojo-cyclonedx-log4j.json'));
    (cdx.metadata as Record<string, unknown>).timestamp = at(12).toISOString();
    await writeJson(join(dir, 'scans/log4j.cdx.json'), cdx);
    const npm = join(dir, 'scans/npm-audit.json');
    await writeFile(npm, await readFile(join(FIXTURES, 'npm-audit/npm-audit-report-gatsby.json')));
    // npm audit writes no time: its file time says when it ran.
    await utimes(npm, at(20), at(20));

    const kev = join(FIXTURES, 'kev-epss/cisa-kev-2025.08.25-full.json');
    const r = await exposure(['score', 'scans', '--json', '--kev', kev], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.devices.total).toBe(4);
    expect(doc.devices.outOfScope).toBe(0);
    expect(doc.asOf).toBe(at(20).toISOString());
    // One trend point: the four scans are one day.
    expect(doc.trend).toHaveLength(1);
    expect(doc.changes).toEqual([]);
    // Log4Shell is known exploited: its device is at least 50 (r = S × 0.5 with S = 1).
    expect(Math.max(...doc.devices.items.map((d) => d.score))).toBeGreaterThanOrEqual(50);
    expect(doc.score).toBeGreaterThan(12.5);
    expect(Object.fromEntries(doc.inputs.files.map((f) => [f.path, f.timeSource]))).toMatchObject({
      'scans/trivy.json': 'file',
      'scans/grype.json': 'file',
      'scans/log4j.cdx.json': 'file',
      'scans/npm-audit.json': 'mtime',
    });
    expect(r.stderr).toMatch(
      /scans\/npm-audit\.json: carries no time of its own; dated 2026-11-20T09:20:00\.000Z by its modification time/,
    );
  });

  it('each finding input of ../shared/fixtures scores alone, undated ones included', async () => {
    // Feeds (KEV, EPSS) enrich scans and hold nothing to score alone; they are given with scans above.
    const files: string[] = [];
    for (const tool of (await readdir(FIXTURES)).sort()) {
      if (tool === 'kev-epss' || !tool.match(/^[a-z-]+$/)) continue;
      for (const f of (await readdir(join(FIXTURES, tool))).sort())
        if (/\.(json|sarif)$/.test(f)) files.push(join(tool, f));
    }
    expect(files.length).toBeGreaterThan(70);
    const refused: string[] = [];
    let undated = 0;
    for (const f of files) {
      const r = await exposure(['score', '--json', '-q', join(FIXTURES, f)]);
      if (r.code !== 0) {
        refused.push(`${f}: ${r.stderr.trim().split('\n').pop()}`);
        continue;
      }
      if (/no time of its own/.test(r.stderr)) undated++;
    }
    // Before observations, 53 of these were refused for carrying no time of their own.
    expect(refused.filter((x) => /no time/.test(x))).toEqual([]);
    expect(undated).toBeGreaterThan(40);
  });
});

describe('daily runs into one site', () => {
  const snapshot = (takenAt: string, findings: Array<[string, string]>) => ({
    schema: 'exposure-snapshot/1',
    takenAt,
    organization: 'Contoso',
    devices: [{ id: 'web-01' }, { id: 'web-02' }],
    weaknesses: [
      {
        id: 'CVE-2021-44228',
        severity: 'critical',
        cvss: { version: '3.1', score: 10 },
        kev: true,
      },
      { id: 'CVE-2023-0001', cvss: { version: '3.1', score: 8 } },
    ],
    findings: findings.map(([device, weakness]) => ({ device, weakness })),
  });
  let dir: string;
  beforeAll(async () => {
    dir = await scratch('daily');
    await writeJson(
      join(dir, 'day1.json'),
      snapshot('2026-11-01T06:00:00Z', [['web-01', 'CVE-2021-44228']]),
    );
    await writeJson(
      join(dir, 'day2.json'),
      snapshot('2026-11-02T06:00:00Z', [
        ['web-01', 'CVE-2021-44228'],
        ['web-02', 'CVE-2021-44228'],
      ]),
    );
  });

  it('two runs on two days give a two-point trend whose change is attributed', async () => {
    const site = join(dir, 'site');
    expect((await exposure(['report', 'day1.json', '--out', site, '-q'], { cwd: dir })).code).toBe(
      0,
    );
    const first = (await json(join(site, 'exposure.json'))) as unknown as Doc;
    expect(first.trend).toHaveLength(1);
    // The second run reads only the second day's file: the first day comes from the site's history.
    const r = await exposure(['report', 'day2.json', '--out', site, '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = (await json(join(site, 'exposure.json'))) as unknown as Doc;
    expect(doc.trend.map((p) => p.score)).toEqual([25, 50]);
    expect(doc.history).toMatchObject({ days: 2 });
    expect(doc.changes).toHaveLength(1);
    const [change] = doc.changes;
    expect(change!.delta).toBe(25);
    expect(change!.steps.reduce((s, x) => s + x.delta, 0)).toBeCloseTo(25, 10);

    // The same day again replaces its point; an older day is refused, the site left alone.
    expect((await exposure(['report', 'day2.json', '--out', site, '-q'], { cwd: dir })).code).toBe(
      0,
    );
    expect(((await json(join(site, 'exposure.json'))) as unknown as Doc).trend).toHaveLength(2);
    const before = await readTree(site);
    const old = await exposure(['report', 'day1.json', '--out', site, '-q'], { cwd: dir });
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(
      /day1\.json: observed on 2026-11-01, before the last day the history records \(2026-11-02\)/,
    );
    expect(old.stderr).toMatch(/--rebuild-history/);
    expect(await readTree(site)).toEqual(before);
    const rebuilt = await exposure(
      ['report', 'day1.json', '--out', site, '-q', '--rebuild-history'],
      { cwd: dir },
    );
    expect(rebuilt.code).toBe(0);
    expect(((await json(join(site, 'exposure.json'))) as unknown as Doc).trend).toHaveLength(1);
  });

  it('--history DIR carries the trend for exposure score too; --no-history ignores it', async () => {
    const history = join(dir, 'hist');
    const one = await exposure(['score', 'day1.json', '--history', history, '--json'], {
      cwd: dir,
    });
    expect(one.code).toBe(0);
    const two = await exposure(['score', 'day2.json', '--history', history, '--json'], {
      cwd: dir,
    });
    expect((JSON.parse(two.stdout) as Doc).trend.map((p) => p.score)).toEqual([25, 50]);
    const none = await exposure(['score', 'day2.json', '--no-history', '--json'], { cwd: dir });
    expect((JSON.parse(none.stdout) as Doc).trend).toHaveLength(1);
  });

  it('keeps the day before as the previous state file, unread and unrewritten, until a run replaces that day', async () => {
    const history = join(dir, 'layout');
    const run = (day: string) =>
      exposure(['score', day, '--history', history, '--json'], { cwd: dir });
    expect((await run('day1.json')).code).toBe(0);
    const firstHead = await json(join(history, 'history.json'));
    expect(firstHead.baseFile).toBeNull();
    const firstState = firstHead.stateFile as string;
    expect((await run('day2.json')).code).toBe(0);
    const head = await json(join(history, 'history.json'));
    // The second run's base is the first run's state file, as it was.
    expect(head.baseFile).toBe(firstState);
    expect(head.stateFile).not.toBe(firstState);
    expect((await readdir(history)).sort()).toEqual(
      ['history.json', firstState, head.stateFile as string].sort(),
    );
    // Day 2 again: the base is read to attribute day 2's change once more.
    const again = await run('day2.json');
    expect((JSON.parse(again.stdout) as Doc).trend.map((p) => p.score)).toEqual([25, 50]);
    expect((JSON.parse(again.stdout) as Doc).changes[0]!.delta).toBe(25);
    expect((await json(join(history, 'history.json'))).baseFile).toBe(firstState);

    // The first layout (one state file holding state and base) is read, and written anew.
    const state = (await json(join(history, head.stateFile as string))).state;
    const base = (await json(join(history, firstState))).state;
    const old = join(dir, 'layout-v1');
    await writeJson(join(old, 'state-00000000000000000000000000000001.json'), {
      schema: 'exposure-history-state/1',
      state,
      base,
    });
    const { baseFile: _b, ...v1 } = head;
    await writeJson(join(old, 'history.json'), {
      ...v1,
      stateFile: 'state-00000000000000000000000000000001.json',
    });
    const migrated = await exposure(['score', 'day2.json', '--history', old, '--json'], {
      cwd: dir,
    });
    expect(migrated.code).toBe(0);
    expect((JSON.parse(migrated.stdout) as Doc).changes[0]!.delta).toBe(25);
    const files = await readdir(old);
    expect(files).not.toContain('state-00000000000000000000000000000001.json');
    const newHead = await json(join(old, 'history.json'));
    expect(newHead.baseFile).toEqual(expect.stringMatching(/^state-[0-9a-f]{32}\.json$/));
    expect((await json(join(old, newHead.stateFile as string))).schema).toBe(
      'exposure-history-state/2',
    );
  });

  it('a run killed while it writes leaves the previous site and its history whole', async () => {
    const site = join(dir, 'killed');
    expect((await exposure(['report', 'day1.json', '--out', site, '-q'], { cwd: dir })).code).toBe(
      0,
    );
    const before = await readTree(site);
    for (const delay of [150, 400, 700]) {
      const child = spawn(process.execPath, [CLI, 'report', 'day2.json', '--out', site, '-q'], {
        cwd: dir,
        stdio: 'ignore',
      });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      const after = await readTree(site);
      // Either the old site, whole, or (if the run got to its commit) the new one, whole.
      const doc = JSON.parse(after.get('exposure.json')!.toString()) as Doc;
      if (doc.trend.length === 1) expect(after).toEqual(before);
      else expect(doc.trend.map((p) => p.score)).toEqual([25, 50]);
      expect([...after.keys()].some((k) => k.startsWith('history/state-'))).toBe(true);
    }
  });
});
