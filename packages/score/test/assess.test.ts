import { describe, expect, it } from 'vitest';
import { assess, deviceFindings, SnapshotBuilder } from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness, T0 } from './builders.js';

const xz = { vendor: 'tukaani', product: 'xz', version: '5.6.0' };

describe('device exposure D', () => {
  it('is 100 × S × L for one open pair', () => {
    // S = 1.0, KEV → L = 0.5: D = 50
    const a = assess(
      makeSnapshot({
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('d1', 'CVE-1')],
      }),
    );
    expect(a.devices[0]!.score).toBeCloseTo(50, 12);
    expect(a.score).toBeCloseTo(50, 12);
    expect(a.level).toBe('medium');
  });

  it('exposure-model/2: counts an unrated weakness as medium, an explicit none as 0', () => {
    // Log4Shell in an untriaged VEX: no CVSS, no label, KEV. S = 0.55, L = 0.5: D = 27.5.
    // CVE-0 is labelled none: S = 0 whatever the evidence, so it adds nothing.
    const a = assess(
      makeSnapshot({
        weaknesses: [
          { id: 'CVE-2021-44228', kind: 'vulnerability', kev: true },
          { id: 'CVE-0', kind: 'vulnerability', severity: 'none', kev: true },
        ],
        findings: [makeFinding('d1', 'CVE-2021-44228'), makeFinding('d1', 'CVE-0')],
      }),
    );
    expect(a.devices[0]!.score).toBeCloseTo(27.5, 12);
    const log4shell = a.weaknesses.find((w) => w.id === 'CVE-2021-44228')!;
    expect(log4shell).toMatchObject({
      severity: 0.55,
      severityLabel: 'medium',
      severitySource: 'unknown',
    });
    expect(log4shell.scannerSeverity).toBeUndefined();
    const none = a.weaknesses.find((w) => w.id === 'CVE-0')!;
    expect(none).toMatchObject({ severity: 0, severityLabel: 'none', scannerSeverity: 'none' });
    // The one recommendation for the unrated weakness removes all of D.
    const rec = a.recommendations.find((r) => r.weaknesses.includes('CVE-2021-44228'))!;
    expect(rec.exposureImpact).toBeCloseTo(27.5, 12);
  });

  it('keeps the scanner label beside a CVSS severity that contradicts it', () => {
    // Debian says low; NVD's CVSS 3.1 is 9.8: S = 0.98 (CVSS first), scannerSeverity low.
    const a = assess(
      makeSnapshot({
        weaknesses: [makeWeakness('CVE-1', 9.8, { severity: 'low' })],
        findings: [makeFinding('d1', 'CVE-1')],
      }),
    );
    expect(a.weaknesses[0]!.severity).toBeCloseTo(0.98, 12);
    expect(a.weaknesses[0]).toMatchObject({
      severityLabel: 'critical',
      severitySource: 'cvss3.1',
      scannerSeverity: 'low',
    });
  });

  it('combines pairs as the chance that at least one is exploited', () => {
    // r1 = 1.0 × 0.5, r2 = 0.8 × 0.25: D = 100 × (1 − 0.5 × 0.8) = 60
    const a = assess(
      makeSnapshot({
        weaknesses: [
          makeWeakness('CVE-1', 10, { kev: true }),
          makeWeakness('CVE-2', 8, { exploit: 'weaponized' }),
        ],
        findings: [makeFinding('d1', 'CVE-1'), makeFinding('d1', 'CVE-2')],
      }),
    );
    expect(a.devices[0]!.score).toBeCloseTo(60, 12);
    expect(a.devices[0]!.openWeaknesses).toBe(2);
  });

  it('counts the same CVE through two software once, with the largest r', () => {
    // CVE-2 (S 0.8, weaponized 0.25) via two apps; the finding with an active alert has r = 0.8.
    const s = makeSnapshot({
      weaknesses: [makeWeakness('CVE-2', 8, { exploit: 'weaponized' })],
      findings: [
        makeFinding('d1', 'CVE-2', {
          software: { vendor: 'apache', product: 'log4j', version: '2.14' },
          activeAlert: true,
        }),
        makeFinding('d1', 'CVE-2', {
          software: { vendor: 'acme', product: 'app', version: '1.0' },
          fixedVersion: '1.1',
        }),
      ],
    });
    const a = assess(s);
    expect(a.devices[0]!.score).toBeCloseTo(80, 12);
    expect(a.devices[0]!.openWeaknesses).toBe(1);
    const byId = Object.fromEntries(a.recommendations.map((r) => [r.id, r]));
    // Updating log4j drops the pair to the other software's r = 0.2: 80 → 20.
    expect(byId['software/apache/log4j']!.exposureImpact).toBeCloseTo(60, 12);
    // Updating the app leaves the pair open through log4j: no drop.
    expect(byId['software/acme/app']!.exposureImpact).toBe(0);
    expect(byId['software/acme/app']!.targetVersion).toBe('1.1');
    expect(byId['software/apache/log4j']!.targetVersion).toBeNull();
  });

  it('the same CVE through two software with equal r: neither update alone lowers it', () => {
    const s = makeSnapshot({
      weaknesses: [makeWeakness('CVE-2', 8, { exploit: 'weaponized' })],
      findings: [
        makeFinding('d1', 'CVE-2', { software: { vendor: 'a', product: 'one' } }),
        makeFinding('d1', 'CVE-2', { software: { vendor: 'b', product: 'two' } }),
      ],
    });
    const a = assess(s);
    expect(a.score).toBeCloseTo(20, 12);
    expect(a.recommendations.map((r) => r.exposureImpact)).toEqual([0, 0]);
    expect(a.plan).toEqual([]);
  });

  it.each(['fixed', 'not_affected', 'exception'] as const)('leaves out %s findings', (status) => {
    const a = assess(
      makeSnapshot({
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('d1', 'CVE-1', { status })],
      }),
    );
    expect(a.devices[0]!.score).toBe(0);
    expect(a.devices[0]!.level).toBe('none');
    expect(a.findings).toEqual({ total: 1, open: 0 });
    expect(a.recommendations).toEqual([]);
  });

  it('an active alert sets L to 1 for that device only', () => {
    const a = assess(
      makeSnapshot({
        weaknesses: [makeWeakness('CVE-3', 6)],
        findings: [makeFinding('d1', 'CVE-3', { activeAlert: true }), makeFinding('d2', 'CVE-3')],
      }),
    );
    const byId = Object.fromEntries(a.devices.map((d) => [d.id, d.score]));
    expect(byId.d1).toBeCloseTo(60, 12);
    expect(byId.d2).toBeCloseTo(0.3, 12);
    expect(a.weaknesses[0]!.activeAlerts).toBe(1);
  });

  it('EPSS above the tier raises L; below it changes nothing', () => {
    const a = assess(
      makeSnapshot({
        weaknesses: [
          makeWeakness('CVE-4', 10, { exploit: 'poc', epss: 0.3 }),
          makeWeakness('CVE-5', 10, { kev: true, epss: 0.1 }),
        ],
        findings: [makeFinding('d1', 'CVE-4'), makeFinding('d2', 'CVE-5')],
      }),
    );
    const byId = Object.fromEntries(a.devices.map((d) => [d.id, d.score]));
    expect(byId.d1).toBeCloseTo(30, 12);
    expect(byId.d2).toBeCloseTo(50, 12);
  });

  it('scores a CVSS vector without a score, and prefers v4.0 over v3.1', () => {
    const a = assess(
      makeSnapshot({
        weaknesses: [
          {
            id: 'V',
            kind: 'vulnerability',
            kev: true,
            cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
          },
          {
            id: 'W',
            kind: 'vulnerability',
            kev: true,
            cvss: [
              { version: '3.1', score: 9.8 },
              { version: '4.0', score: 6.5 },
            ],
          },
        ],
        findings: [makeFinding('d1', 'V'), makeFinding('d2', 'W')],
      }),
    );
    const byId = Object.fromEntries(a.devices.map((d) => [d.id, d.score]));
    expect(byId.d1).toBeCloseTo(49, 12);
    expect(byId.d2).toBeCloseTo(32.5, 12);
  });
});

describe('organization exposure E', () => {
  it('includes clean devices', () => {
    const a = assess(
      makeSnapshot({
        devices: [makeDevice('d1'), makeDevice('clean')],
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('d1', 'CVE-1')],
      }),
    );
    expect(a.score).toBeCloseTo(25, 12);
    expect(a.deviceCounts.byLevel).toEqual({ none: 1, low: 0, medium: 1, high: 0 });
  });

  it('a device named only in a finding is in scope with value normal', () => {
    const a = assess(
      makeSnapshot({
        devices: [makeDevice('d1')],
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('ghost', 'CVE-1')],
      }),
    );
    expect(a.deviceCounts.total).toBe(2);
    expect(a.devices.find((d) => d.id === 'ghost')).toMatchObject({
      value: 'normal',
      weight: 1,
      name: 'ghost',
    });
    expect(a.score).toBeCloseTo(25, 12);
  });

  it('weights device value: low 0.75, normal 1, high N/10 but never below 2', () => {
    const w = [makeWeakness('CVE-1', 10, { kev: true })];
    // high (w 2) at 50, normal at 0: E = 100 / 3
    const small = assess(
      makeSnapshot({
        devices: [makeDevice('h', { value: 'high' }), makeDevice('n')],
        weaknesses: w,
        findings: [makeFinding('h', 'CVE-1')],
      }),
    );
    expect(small.score).toBeCloseTo(100 / 3, 12);
    // low (0.75) at 50, normal at 0: E = 37.5 / 1.75
    const low = assess(
      makeSnapshot({
        devices: [makeDevice('l', { value: 'low' }), makeDevice('n')],
        weaknesses: w,
        findings: [makeFinding('l', 'CVE-1')],
      }),
    );
    expect(low.score).toBeCloseTo(37.5 / 1.75, 12);
    // 30 devices: high weighs 3. E = 3 × 50 / (3 + 29)
    const many = assess(
      makeSnapshot({
        devices: [
          makeDevice('h', { value: 'high' }),
          ...Array.from({ length: 29 }, (_, i) => makeDevice(`n${i}`)),
        ],
        weaknesses: w,
        findings: [makeFinding('h', 'CVE-1')],
      }),
    );
    expect(many.devices[0]!.weight).toBe(3);
    expect(many.score).toBeCloseTo(150 / 32, 12);
  });

  it('leaves out devices not seen for more than 30 days', () => {
    const a = assess(
      makeSnapshot({
        devices: [
          makeDevice('old', { lastSeen: '2026-09-30T23:59:59Z' }),
          makeDevice('edge', { lastSeen: '2026-10-02T00:00:00Z' }),
        ],
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('old', 'CVE-1'), makeFinding('edge', 'CVE-1')],
      }),
    );
    expect(a.deviceCounts).toMatchObject({ total: 1, outOfScope: 1 });
    expect(a.score).toBeCloseTo(50, 12);
  });

  it.each([
    [29.49, 'low'],
    [29.5, 'medium'],
    [69.49, 'medium'],
    [69.5, 'high'],
  ] as const)('a score of %f is %s (levels apply to the rounded score)', (target, level) => {
    // One device, S = 1, EPSS = target / 100.
    const a = assess(
      makeSnapshot({
        weaknesses: [makeWeakness('C', 10, { epss: target / 100 })],
        findings: [makeFinding('d', 'C')],
      }),
    );
    expect(a.score).toBeCloseTo(target, 10);
    expect(a.level).toBe(level);
  });

  it('scores groups with their own scope', () => {
    const a = assess(
      makeSnapshot({
        devices: [
          makeDevice('a', { group: 'Web' }),
          makeDevice('b', { group: 'Web' }),
          makeDevice('c', { group: 'DB', value: 'high' }),
          makeDevice('u'),
        ],
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('a', 'CVE-1'), makeFinding('c', 'CVE-1')],
      }),
    );
    const g = Object.fromEntries(a.groups.map((x) => [String(x.name), x]));
    expect(g.Web!.score).toBeCloseTo(25, 12);
    expect(g.DB!.score).toBeCloseTo(50, 12);
    expect(g.null!.score).toBe(0);
    expect(a.score).toBeCloseTo((50 + 2 * 50) / 5, 12);
    const web = assess(
      makeSnapshot({
        devices: [makeDevice('a', { group: 'Web' }), makeDevice('b', { group: 'Web' })],
        weaknesses: [makeWeakness('CVE-1', 10, { kev: true })],
        findings: [makeFinding('a', 'CVE-1')],
      }),
      { group: 'Web' },
    );
    expect(web.scope).toBe('Web');
    expect(web.score).toBeCloseTo(25, 12);
  });
});

describe('recommendations', () => {
  const snapshot = makeSnapshot({
    weaknesses: [
      makeWeakness('CVE-1', 10, { kev: true }),
      makeWeakness('CVE-2', 8, { exploit: 'weaponized' }),
      makeWeakness('CVE-3', 5),
      { id: 'scid-1', kind: 'configuration', title: 'Turn on the firewall', severity: 'high' },
    ],
    findings: [
      makeFinding('d1', 'CVE-1', { software: { ...xz, vendor: 'Tukaani' }, fixedVersion: '5.6.2' }),
      makeFinding('d2', 'CVE-2', {
        software: { ...xz, vendor: 'TUKAANI' },
        fixedVersion: '5.6.10',
      }),
      makeFinding('d2', 'CVE-3'),
      makeFinding('d3', 'scid-1'),
    ],
  });
  const a = assess(snapshot);

  it('groups vulnerabilities by software (vendor case ignored), or by weakness, or by configuration', () => {
    expect(a.recommendations.map((r) => r.id).sort()).toEqual([
      'configuration/scid-1',
      'software/tukaani/xz',
      'weakness/CVE-3',
    ]);
    const xzRec = a.recommendations.find((r) => r.id === 'software/tukaani/xz')!;
    expect(xzRec).toMatchObject({
      kind: 'software',
      title: 'Update XZ Utils',
      targetVersion: '5.6.10',
      weaknesses: ['CVE-1', 'CVE-2'],
      exposedDevices: 2,
      openFindings: 2,
      threats: { kev: 1, weaponized: 1, poc: 0, maxEpss: null, activeAlerts: 0 },
    });
    expect(xzRec.severity.label).toBe('critical');
  });

  it('impact is the exact drop of E when all its findings go', () => {
    // D1 = 50, D2 = 100(1 − 0.8 × (1 − 0.5 × 0.005)) = 20.2, D3 = 0.8 × 0.005 × 100 = 0.4
    const d2 = 100 * (1 - 0.8 * (1 - 0.0025));
    expect(a.score).toBeCloseTo((50 + d2 + 0.4) / 3, 12);
    const xzRec = a.recommendations.find((r) => r.id === 'software/tukaani/xz')!;
    expect(xzRec.exposureImpact).toBeCloseTo((50 + d2 - 0.25) / 3, 12);
    expect(a.recommendations[0]!.id).toBe('software/tukaani/xz');
  });

  it('keeps imported recommendations with their ids and titles', () => {
    const s = makeSnapshot({
      weaknesses: [makeWeakness('CVE-9', 9)],
      findings: [
        makeFinding('d1', 'CVE-9', {
          software: { vendor: 'microsoft', product: 'windows_10' },
          recommendation: { id: 'va-_-microsoft-_-windows_10', title: 'Update Windows 10' },
        }),
      ],
    });
    expect(assess(s).recommendations[0]).toMatchObject({
      id: 'va-_-microsoft-_-windows_10',
      title: 'Update Windows 10',
      imported: true,
      kind: 'software',
    });
  });

  it("a listed recommendation's title wins over a finding's, in either order and through merge", () => {
    const listed = { id: 'va-_-microsoft-_-windows_10', title: 'Update Windows 10 (listed)' };
    const finding = makeFinding('d1', 'CVE-9', {
      software: { vendor: 'microsoft', product: 'windows_10' },
      recommendation: { id: listed.id, title: 'derived' },
    });
    const titleOf = (b: SnapshotBuilder) => assess(b.build()).recommendations[0]!.title;
    const fresh = () => {
      const b = new SnapshotBuilder({ takenAt: T0 });
      b.addWeakness(makeWeakness('CVE-9', 9));
      return b;
    };
    const findingFirst = fresh();
    findingFirst.addFinding(finding);
    findingFirst.addRecommendation(listed);
    expect(titleOf(findingFirst)).toBe(listed.title);

    const listFirst = fresh();
    listFirst.addRecommendation(listed);
    listFirst.addFinding(finding);
    expect(titleOf(listFirst)).toBe(listed.title);

    const onlyList = new SnapshotBuilder({ takenAt: T0 });
    onlyList.addRecommendation(listed);
    const withFindings = fresh();
    withFindings.addFinding(finding);
    expect(titleOf(withFindings.merge(onlyList))).toBe(listed.title);
    expect(titleOf(onlyList.merge(withFindings))).toBe(listed.title);
  });

  it('the plan takes the largest impact first and projects the score after each step', () => {
    expect(a.plan.map((p) => p.recommendation)).toEqual([
      'software/tukaani/xz',
      'configuration/scid-1',
      'weakness/CVE-3',
    ]);
    expect(a.plan.at(-1)!.score).toBeCloseTo(0, 12);
    let prev = a.score;
    for (const step of a.plan) {
      expect(step.exposureImpact).toBeCloseTo(prev - step.score, 12);
      prev = step.score;
    }
  });

  it('lists a device’s open findings, riskiest first', () => {
    expect(
      deviceFindings(snapshot, 'd2').map((f) => [f.weakness, f.recommendation, f.fixedVersion]),
    ).toEqual([
      ['CVE-2', 'software/tukaani/xz', '5.6.10'],
      ['CVE-3', 'weakness/CVE-3', undefined],
    ]);
    expect(deviceFindings(snapshot, 'nope')).toEqual([]);
  });
});
