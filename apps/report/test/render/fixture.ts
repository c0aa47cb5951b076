import {
  pageDetails,
  toPageDocument,
  toReportDocument,
  type Assessment,
  type ReportDocumentInput,
  type DeviceAssessment,
  type DeviceFinding,
  type Level,
  type Recommendation,
  type Trend,
  type WeaknessSummary,
} from '@exposure/score';
import type { RenderInput } from '../../src/render/index.js';

export const HOSTILE = '<script>alert(1)</script>';
export const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

function level(score: number): Level {
  const d = Math.round(score);
  return score === 0 ? 'none' : d >= 70 ? 'high' : d >= 30 ? 'medium' : 'low';
}

function device(
  id: string,
  name: string,
  score: number,
  extra: Partial<DeviceAssessment> = {},
): DeviceAssessment {
  return {
    id,
    name,
    value: 'normal',
    tags: [],
    weight: 1,
    score,
    display: Math.round(score),
    level: level(score),
    openWeaknesses: score > 0 ? 2 : 0,
    ...extra,
  };
}

export interface FixtureOptions {
  /** Put script and attribute-breaking strings in every untrusted field. */
  hostile?: boolean;
  lang?: 'en' | 'nl';
  /** Extra clean devices, to exercise pagination. */
  extraDevices?: number;
}

/** What the renderers' one input is made of: what the evaluation would have given. */
export interface FixtureParts {
  assessment: Assessment;
  trend: Trend;
  document: Omit<ReportDocumentInput, 'assessment' | 'trend'>;
  findings: ReadonlyMap<string, DeviceFinding[]>;
}

/** The renderers' input made from its parts, as `exposure report` makes it. */
export function inputOf(parts: FixtureParts, lang: 'en' | 'nl' = 'en'): RenderInput {
  const document = toReportDocument({
    ...parts.document,
    assessment: parts.assessment,
    trend: parts.trend,
  });
  const details = pageDetails(parts.assessment, {
    of: (id) => (parts.findings.get(id) ?? []).map((f) => ({ ...f, firstSeen: null })),
  });
  return { document: toPageDocument(document, details), lang };
}

/** A small, hand-made RenderInput: three snapshots, one spike, two recommendations. */
export function makeInput(options: FixtureOptions = {}): RenderInput {
  return inputOf(makeParts(options), options.lang ?? 'en');
}

/** The parts of makeInput's input, for a test that changes one before rendering. */
export function makeParts(options: FixtureOptions = {}): FixtureParts {
  const h = options.hostile ? ` ${HOSTILE}${HOSTILE_ATTR}` : '';
  const weaknesses: WeaknessSummary[] = [
    {
      id: 'CVE-2024-3094',
      kind: 'vulnerability',
      title: `xz backdoor${h}`,
      description: `Malicious code in xz${h}`,
      severity: 1,
      severityLabel: 'critical',
      severitySource: 'cvss3.1',
      scannerSeverity: 'high',
      cvss: { version: '3.1', score: 10, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
      published: '2024-03-29',
      kev: true,
      exploit: 'weaponized',
      epss: 0.87,
      likelihood: 0.87,
      references: [],
      devices: 2,
      activeAlerts: 1,
    },
    {
      id: `CIS-1.1.1${options.hostile ? HOSTILE_ATTR : ''}`,
      kind: 'configuration',
      title: `Disable cramfs${h}`,
      severity: 0.55,
      severityLabel: 'medium',
      severitySource: 'label',
      kev: false,
      exploit: 'none',
      likelihood: 0.005,
      references: [],
      devices: 1,
      activeAlerts: 0,
    },
  ];
  const devices: DeviceAssessment[] = [
    device('d1', `web-01${h}`, 93.5, {
      group: `Web${h}`,
      os: 'Ubuntu 22.04',
      value: 'high',
      weight: 2,
      owner: `Ops${h}`,
      tags: ['prod'],
      lastSeen: '2026-10-31T22:10:00Z',
    }),
    device('../../etc/passwd', `db-01${h}`, 87, { group: 'Data' }),
    device('d3', 'laptop-7', 0.3),
    device('D3', 'laptop-7b', 0),
  ];
  for (let i = 0; i < (options.extraDevices ?? 0); i++)
    devices.push(device(`x${i}`, `clean-${String(i).padStart(4, '0')}`, 0));
  const recs: Recommendation[] = [
    {
      id: 'software/tukaani/xz',
      title: `Update XZ Utils${h}`,
      kind: 'software',
      imported: false,
      software: { vendor: 'tukaani', product: 'xz' },
      // Two platforms, two fixed versions: no single target, the fix per platform instead.
      targetVersion: null,
      targets: [
        {
          os: `Ubuntu 22.04${h}`,
          family: 'Ubuntu',
          osVersion: '22.04',
          version: '5.6.2',
          devices: 1,
        },
        { os: null, family: null, osVersion: null, version: '5.4.6', devices: 1 },
      ],
      weaknesses: ['CVE-2024-3094'],
      exposedDevices: 2,
      devices: ['d1', '../../etc/passwd'],
      openFindings: 2,
      severity: { score: 1, label: 'critical' },
      threats: { kev: 1, weaponized: 1, poc: 0, maxEpss: 0.87, activeAlerts: 1 },
      exposureImpact: 40.2,
    },
    {
      id: `configuration/${weaknesses[1]!.id}`,
      title: `Disable the cramfs file system${h}`,
      kind: 'configuration',
      imported: false,
      software: null,
      targetVersion: null,
      targets: [{ os: null, family: null, osVersion: null, version: null, devices: 1 }],
      weaknesses: [weaknesses[1]!.id],
      exposedDevices: 1,
      devices: ['d3'],
      openFindings: 1,
      severity: { score: 0.55, label: 'medium' },
      threats: { kev: 0, weaponized: 0, poc: 0, maxEpss: null, activeAlerts: 0 },
      exposureImpact: 0.08,
    },
  ];
  const assessment: Assessment = {
    model: 'exposure-model/2',
    organization: `Contoso${h}`,
    asOf: '2026-11-01T00:00:00Z',
    score: 45.27,
    display: 45,
    level: 'medium',
    devices,
    deviceCounts: {
      total: devices.length,
      outOfScope: 1,
      byLevel: { none: devices.length - 3, low: 1, medium: 0, high: 2 },
    },
    findings: { total: 5, open: 4 },
    groups: [
      {
        name: `Web${h}`,
        score: 93.5,
        display: 94,
        level: 'high',
        devices: 1,
        byLevel: { none: 0, low: 0, medium: 0, high: 1 },
      },
      {
        name: null,
        score: 10.1,
        display: 10,
        level: 'low',
        devices: 3,
        byLevel: { none: 1, low: 1, medium: 0, high: 1 },
      },
    ],
    weaknesses,
    recommendations: recs,
    plan: [
      {
        step: 1,
        recommendation: recs[0]!.id,
        title: recs[0]!.title,
        exposureImpact: 40.2,
        score: 5.07,
        display: 5,
        level: 'low',
      },
      {
        step: 2,
        recommendation: recs[1]!.id,
        title: recs[1]!.title,
        exposureImpact: 0.08,
        score: 4.99,
        display: 5,
        level: 'low',
      },
    ],
  };
  const trend: Trend = {
    points: [
      { asOf: '2026-10-01T00:00:00Z', score: 20.1, display: 20, level: 'low' },
      { asOf: '2026-10-15T00:00:00Z', score: 41.8, display: 42, level: 'medium' },
      { asOf: '2026-11-01T00:00:00Z', score: 45.27, display: 45, level: 'medium' },
    ],
    changes: [
      {
        from: '2026-10-01T00:00:00Z',
        to: '2026-10-15T00:00:00Z',
        delta: 21.7,
        spike: true,
        steps: [
          {
            kind: 'new-published',
            delta: 22.5,
            devices: 96,
            weaknesses: [
              {
                id: 'CVE-2024-3094',
                title: `xz backdoor${h}`,
                kev: true,
                delta: 22.5,
                devices: 96,
              },
            ],
          },
          {
            kind: 'remediated',
            delta: -0.8,
            devices: 3,
            weaknesses: [{ id: 'CVE-2023-0001', kev: false, delta: -0.8, devices: 3 }],
          },
        ],
      },
      {
        from: '2026-10-15T00:00:00Z',
        to: '2026-11-01T00:00:00Z',
        delta: 3.47,
        spike: false,
        steps: [{ kind: 'devices-added', delta: 3.47, devices: 1, weaknesses: [] }],
      },
    ],
  };
  const document: FixtureParts['document'] = {
    feeds: {
      kev: { catalogVersion: '2026.10.30', count: 1400 },
      epss: { modelVersion: 'v2025.03.14', scoreDate: '2026-10-31' },
    },
    inputs: {
      digest: 'sha256:0123456789abcdef',
      files: [
        {
          path: `scans/trivy${h}.json`,
          format: 'trivy',
          sha256: 'ab'.repeat(32),
          takenAt: '2026-11-01T00:00:00.000Z',
          timeSource: 'file',
          coverage: 'partial',
          devices: 1,
          findings: 5,
        },
      ],
    },
  };
  const findings = new Map<string, DeviceFinding[]>([
    [
      'd1',
      [
        {
          weakness: weaknesses[0]!.id,
          software: { vendor: 'tukaani', product: 'xz', version: `5.6.0${h}` },
          fixedVersion: '5.6.2',
          activeAlert: true,
          risk: 1,
          recommendation: recs[0]!.id,
        },
        {
          weakness: weaknesses[1]!.id,
          activeAlert: false,
          risk: 0.00275,
          recommendation: recs[1]!.id,
        },
      ],
    ],
    [
      '../../etc/passwd',
      [
        {
          weakness: weaknesses[0]!.id,
          software: { vendor: 'tukaani', product: 'xz', version: '5.6.1' },
          fixedVersion: '5.6.2',
          activeAlert: false,
          risk: 0.87,
          recommendation: recs[0]!.id,
        },
      ],
    ],
  ]);
  return { assessment, trend, document, findings };
}
