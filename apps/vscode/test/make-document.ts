import type { ReportDocument } from '@exposure/score';

type Rec = ReportDocument['recommendations'][number];
type Weak = ReportDocument['weaknesses'][number];
type Dev = ReportDocument['devices']['items'][number];

export function makeRecommendation(over: Partial<Rec> & { id: string }): Rec {
  return {
    title: `Fix ${over.id}`,
    kind: 'software',
    imported: false,
    software: { vendor: 'acme', product: over.id },
    targetVersion: '2.0.0',
    weaknesses: [],
    exposedDevices: over.devices?.length ?? 0,
    devices: [],
    openFindings: 1,
    severity: { score: 7.5, label: 'high' },
    threats: { kev: 0, weaponized: 0, poc: 0, maxEpss: null, activeAlerts: 0 },
    exposureImpact: 1,
    ...over,
  };
}

export function makeWeakness(over: Partial<Weak> & { id: string }): Weak {
  return {
    kind: 'vulnerability',
    title: `Title of ${over.id}`,
    severity: 7.5,
    severityLabel: 'high',
    cvss: { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
    published: '2026-01-02',
    kev: false,
    exploit: 'none',
    epss: null,
    references: [`https://nvd.nist.gov/vuln/detail/${over.id}`],
    devices: 1,
    ...over,
  };
}

export function makeDevice(over: Partial<Dev> & { id: string }): Dev {
  return {
    name: over.id,
    os: 'Ubuntu 22.04',
    group: 'Web',
    value: 'normal',
    score: 42,
    display: 42,
    level: 'medium',
    openWeaknesses: 1,
    ...over,
  };
}

/** A small, schema-valid exposure-report/1 document; override any part. */
export function makeDocument(over: Partial<ReportDocument> = {}): ReportDocument {
  const devices = [
    makeDevice({
      id: 'd1',
      name: 'web-01',
      score: 81.2,
      display: 81,
      level: 'high',
      openWeaknesses: 3,
    }),
    makeDevice({ id: 'd2', name: 'web-02', score: 45.5, display: 46, level: 'medium' }),
    makeDevice({ id: 'd3', name: 'db-01', group: 'Data', score: 12, display: 12, level: 'low' }),
    makeDevice({
      id: 'd4',
      name: 'build-01',
      group: null,
      os: null,
      score: 0,
      display: 0,
      level: 'none',
      openWeaknesses: 0,
    }),
  ];
  return {
    schema: 'exposure-report/1',
    model: 'exposure-model/2',
    organization: 'Contoso',
    asOf: '2026-11-01T00:00:00Z',
    scope: { group: null },
    period: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    score: 42.31,
    display: 42,
    level: 'medium',
    previous: { asOf: '2026-10-01T00:00:00Z', score: 39.2, display: 39, level: 'medium' },
    devices: {
      total: 4,
      outOfScope: 0,
      outOfScopeItems: [],
      byLevel: { none: 1, low: 1, medium: 1, high: 1 },
      items: devices,
    },
    findings: { total: 10, open: 6 },
    trend: [
      { asOf: '2026-09-01T00:00:00Z', score: 35, display: 35, level: 'medium' },
      { asOf: '2026-10-01T00:00:00Z', score: 39.2, display: 39, level: 'medium' },
      { asOf: '2026-11-01T00:00:00Z', score: 42.31, display: 42, level: 'medium' },
    ],
    changes: [],
    groups: [
      {
        name: 'Web',
        score: 71.5,
        display: 72,
        level: 'high',
        devices: 2,
        byLevel: { none: 0, low: 0, medium: 1, high: 1 },
      },
      {
        name: 'Data',
        score: 12,
        display: 12,
        level: 'low',
        devices: 1,
        byLevel: { none: 0, low: 1, medium: 0, high: 0 },
      },
    ],
    recommendations: [
      makeRecommendation({
        id: 'software/acme/small',
        title: 'Update acme small',
        exposureImpact: 0.4,
        weaknesses: ['CVE-2026-0003'],
        devices: ['d2'],
        exposedDevices: 1,
      }),
      makeRecommendation({
        id: 'software/openssl/openssl',
        title: 'Update openssl',
        exposureImpact: 3.2,
        weaknesses: ['CVE-2026-0001', 'CVE-2026-0002'],
        devices: ['d1', 'd2'],
        exposedDevices: 41,
        severity: { score: 9.8, label: 'critical' },
        threats: { kev: 1, weaponized: 1, poc: 0, maxEpss: 0.9, activeAlerts: 0 },
      }),
      makeRecommendation({
        id: 'configuration/scid-1',
        title: 'Turn on the firewall',
        kind: 'configuration',
        software: null,
        targetVersion: null,
        exposureImpact: 1.1,
        weaknesses: ['scid-1'],
        devices: ['d3'],
        exposedDevices: 1,
        severity: { score: 5, label: 'medium' },
      }),
      makeRecommendation({
        id: 'software/zlib/zlib',
        title: 'Update zlib',
        exposureImpact: 0.4,
        weaknesses: [],
        devices: [],
        exposedDevices: 0,
      }),
    ],
    weaknesses: [
      makeWeakness({
        id: 'CVE-2026-0001',
        severity: 9.8,
        severityLabel: 'critical',
        cvss: { version: '3.1', score: 9.8 },
        kev: true,
        exploit: 'weaponized',
        epss: 0.873,
        devices: 2,
      }),
      makeWeakness({ id: 'CVE-2026-0002', exploit: 'poc', epss: 0.02 }),
      makeWeakness({ id: 'CVE-2026-0003', references: ['javascript:alert(1)', 'ftp://x'] }),
      makeWeakness({
        id: 'scid-1',
        kind: 'configuration',
        cvss: null,
        severity: 5,
        severityLabel: 'medium',
        references: [],
      }),
    ],
    plan: [],
    feeds: {},
    inputs: { digest: 'a'.repeat(64), files: [] },
    warnings: [],
    history: null,
    vendorScores: [],
    ...over,
  };
}

/** A small native exposure-snapshot/1: two devices, one KEV weakness on one of them. */
export function makeSnapshot(over: { takenAt?: string; organization?: string } = {}) {
  return {
    schema: 'exposure-snapshot/1',
    takenAt: over.takenAt ?? '2026-11-01T00:00:00Z',
    organization: over.organization ?? 'Contoso',
    devices: [
      { id: 'd1', name: 'web-01', group: 'Web' },
      { id: 'd2', name: 'db-01', group: 'Data' },
    ],
    weaknesses: [
      {
        id: 'CVE-2024-3094',
        severity: 'critical',
        kev: true,
        cvss: { version: '3.1', score: 10 },
      },
    ],
    findings: [
      {
        device: 'd1',
        weakness: 'CVE-2024-3094',
        software: { vendor: 'tukaani', product: 'xz', version: '5.6.0' },
        fixedVersion: '5.6.2',
      },
    ],
  };
}
