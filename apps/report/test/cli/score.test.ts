import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReportDocument } from '@exposure/ingest';
import type { ReportDocument } from '@exposure/score';
import { cli, handSnapshot, tempDir, writeJson } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

describe('exposure score', () => {
  it('prints the hand-computed score, level, devices and recommendations', async () => {
    const file = await writeJson(join(dir, 'one.json'), handSnapshot());
    const r = await cli(['score', file], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Organization\s+Contoso$/m);
    expect(r.stdout).toMatch(/^As of\s+2026-11-01T00:00:00(\.000)?Z$/m);
    expect(r.stdout).toMatch(/^Exposure score\s+13\.06 of 100: 13, low$/m);
    expect(r.stdout).toMatch(/^Devices\s+3 in scope: 0 high, 1 medium, 1 low, 1 none$/m);
    expect(r.stdout).toMatch(/^Findings\s+3 open of 3$/m);
    expect(r.stdout).toMatch(/Top 3 recommendations/);
    // Updating acme httpd removes the KEV weakness: D1 = 100 × (1 − 0.8) = 20, E = 20.25 / 4.
    expect(r.stdout).toMatch(/1\.\s+-8\.00\s+Update acme httpd to 2\.1\s+\[1 device\]$/im);
    expect(r.stdout).toMatch(/3\.\s+-0\.06\s+Update acme db: no fix available yet/i);
    expect(r.stdout).not.toMatch(/^Change/m);
  });

  it('says which KB to install when a Windows weakness is fixed by one', async () => {
    const file = await writeJson(join(dir, 'kb.json'), {
      schema: 'exposure-snapshot/1',
      takenAt: '2026-11-01T00:00:00Z',
      weaknesses: [{ id: 'CVE-2023-36884', severity: 'high' }],
      findings: [
        {
          device: 'ws-01',
          weakness: 'CVE-2023-36884',
          software: { vendor: 'microsoft', product: 'windows_11', version: '10.0.22621.2428' },
          fixedVersion: 'KB5031354',
        },
      ],
    });
    const r = await cli(['score', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /1\.\s+-\d+\.\d\d\s+Update Microsoft Windows 11: install KB5031354\s+\[1 device\]$/m,
    );
  });

  it("shows Defender's own scores beside ours, never in our score", async () => {
    const file = await writeJson(join(dir, 'defender-says', 'one.json'), handSnapshot());
    const exposure = await writeJson(join(dir, 'defender-says', 'exposureScore.json'), {
      '@odata.context': 'https://api.security.microsoft.com/api/$metadata#ExposureScore/$entity',
      time: '2026-10-31T07:23:53.280499Z',
      score: 33.491554051195706,
    });
    const config = await writeJson(join(dir, 'defender-says', 'configurationScore.json'), {
      '@odata.context':
        'https://api.securitycenter.microsoft.com/api/$metadata#ConfigurationScore/$entity',
      time: '2026-10-31T09:15:58.1665846Z',
      score: 340,
    });
    const r = await cli(['score', file, exposure, config, '--as-of', '2026-11-01'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Exposure score\s+13\.06 of 100: 13, low$/m);
    expect(r.stdout).toMatch(
      /^Defender says\s+exposure score 33\.49 of 100 \(2026-10-31\); configuration score 340 \(2026-10-31\) \(its own model, not part of ours\)$/m,
    );
    const json = await cli(['score', file, exposure, config, '--as-of', '2026-11-01', '--json'], {
      cwd: dir,
    });
    const doc = JSON.parse(json.stdout) as ReportDocument;
    expect(doc.score).toBe(13.06);
    // Beside ours, as the vendor gave them, in their own field: never mixed into the score.
    expect(doc.vendorScores).toEqual([
      {
        vendor: 'Microsoft Defender',
        kind: 'configuration score',
        score: 340,
        scale: null,
        time: '2026-10-31T09:15:58.166Z',
        group: null,
        source: expect.stringMatching(/configurationScore\.json$/),
      },
      {
        vendor: 'Microsoft Defender',
        kind: 'exposure score',
        score: 33.491554051195706,
        scale: '0–100',
        time: '2026-10-31T07:23:53.280Z',
        group: null,
        source: expect.stringMatching(/exposureScore\.json$/),
      },
    ]);
  });

  it('names the fixed version per platform when the platforms need different ones', async () => {
    const snap = handSnapshot();
    // d2 (no OS) gets acme httpd too, with its own fix: two platforms, two versions.
    snap.findings.push({
      device: 'd2',
      weakness: 'CVE-2026-0001',
      software: { vendor: 'acme', product: 'httpd', version: '1.9' },
      fixedVersion: '1.9.7',
    });
    const file = await writeJson(join(dir, 'platforms.json'), snap);
    const r = await cli(['score', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Update acme httpd \(Ubuntu 22\.04: 2\.1; no OS: 1\.9\.7\)\s+\[2 devices\]/i,
    );
    const json = await cli(['score', file, '--json'], { cwd: dir });
    const doc = JSON.parse(json.stdout) as ReportDocument;
    const httpd = doc.recommendations.find((x) => x.id === 'software/acme/httpd')!;
    expect(httpd.targetVersion).toBeNull();
    expect(httpd.targets).toEqual([
      { os: 'Ubuntu 22.04', family: 'Ubuntu', osVersion: '22.04', version: '2.1', devices: 1 },
      { os: null, family: null, osVersion: null, version: '1.9.7', devices: 1 },
    ]);
    expect(validateReportDocument(doc).ok).toBe(true);
  });

  it('--org overrides the organization of the inputs', async () => {
    const file = await writeJson(join(dir, 'org.json'), handSnapshot());
    const r = await cli(['score', file, '--org', 'Fabrikam'], { cwd: dir });
    expect(r.stdout).toMatch(/^Organization\s+Fabrikam$/m);
  });

  it('--json prints exactly the exposure-report/1 document, valid against its schema', async () => {
    const file = await writeJson(join(dir, 'json.json'), handSnapshot());
    const r = await cli(['score', file, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(r.stdout).toBe(JSON.stringify(doc, null, 2) + '\n');
    expect(validateReportDocument(doc)).toMatchObject({ ok: true });
    expect(doc).toMatchObject({
      schema: 'exposure-report/1',
      organization: 'Contoso',
      score: 13.06,
      display: 13,
      level: 'low',
      previous: null,
    });
  });

  it('shows the change since the previous snapshot when there is a trend', async () => {
    const before = handSnapshot({ takenAt: '2026-10-01T00:00:00Z' });
    before.findings = before.findings.filter((f) => f.weakness !== 'CVE-2026-0001');
    const a = await writeJson(join(dir, 'trend', 'a.json'), before);
    const b = await writeJson(join(dir, 'trend', 'b.json'), handSnapshot());
    const r = await cli(['score', b, a], { cwd: dir });
    expect(r.code).toBe(0);
    // Before: D1 = 20, E = 20.25 / 4 = 5.0625 → 5.06; after 13.06: +8.00, a spike.
    expect(r.stdout).toMatch(
      /^Change\s+\+8\.00 since 2026-10-01T00:00:00(\.000)?Z \(spike: newly \w+ \w+ \+8\.00\)$/m,
    );
    const json = JSON.parse((await cli(['score', a, b, '--json'], { cwd: dir })).stdout) as {
      trend: Array<{ score: number }>;
      changes: Array<{ delta: number; spike: boolean }>;
    };
    expect(json.trend.map((p) => p.score)).toEqual([5.06, 13.06]);
    expect(json.changes).toMatchObject([{ delta: 8, spike: true }]);
  });

  it('scores the bundled demo fleet without inputs, identically on every run', async () => {
    const first = await cli(['score', '--json'], { cwd: dir });
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as {
      trend: unknown[];
      inputs: { files: unknown[]; digest: string };
    };
    expect(doc.trend.length).toBeGreaterThan(1);
    expect(doc.inputs.files).toEqual([]);
    expect(doc.inputs.digest).toMatch(/^[0-9a-f]{64}$/);
    const second = await cli(['score', '--json'], { cwd: dir });
    expect(second.stdout).toBe(first.stdout);
    const human = await cli(['score'], { cwd: dir });
    expect(human.stdout).toMatch(/\(bundled demo fleet\)/);
  }, 120_000);

  it('draws progress only on a terminal, never on stdout', async () => {
    const file = await writeJson(join(dir, 'tty.json'), handSnapshot());
    const tty = await cli(['score', file, '--json'], { cwd: dir, tty: true });
    expect(tty.stderr).toMatch(/Reading inputs/);
    expect(() => JSON.parse(tty.stdout)).not.toThrow();
    const quiet = await cli(['score', file, '--json', '--quiet'], { cwd: dir, tty: true });
    expect(quiet.stderr).toBe('');
  });
});

describe('evaluate', () => {
  it('gives one input a one-point trend whose score is the headline', async () => {
    const file = await writeJson(join(dir, 'single.json'), handSnapshot());
    const doc = JSON.parse(
      (await cli(['score', file, '--json'], { cwd: dir })).stdout,
    ) as ReportDocument;
    expect(doc.trend).toEqual([
      { asOf: doc.asOf, score: doc.score, display: doc.display, level: doc.level },
    ]);
    expect(doc.changes).toEqual([]);
    expect(doc.previous).toBeNull();
  });
});
