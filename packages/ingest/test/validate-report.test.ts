import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ReportDocument } from '@exposure/score';
import { describe, expect, it } from 'vitest';
import { schemaPath } from '../src/schemas.js';
import { validateReportDocument } from '../src/validate-report.js';

const level = { none: 1, low: 1, medium: 0, high: 0 };

function minimal(): ReportDocument {
  return {
    schema: 'exposure-report/1',
    model: 'exposure-model/2',
    organization: null,
    asOf: '2026-11-01T00:00:00.000Z',
    scope: { group: null },
    period: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    score: 12.34,
    display: 12,
    level: 'low',
    previous: { asOf: '2026-10-01T00:00:00.000Z', score: 5, display: 5, level: 'low' },
    devices: {
      total: 2,
      outOfScope: 0,
      outOfScopeItems: [],
      byLevel: level,
      items: [
        {
          id: 'd1',
          name: 'web-01',
          os: null,
          group: 'Web',
          value: 'normal',
          score: 24.68,
          display: 25,
          level: 'low',
          openWeaknesses: 1,
        },
      ],
    },
    findings: { total: 1, open: 1 },
    trend: [{ asOf: '2026-11-01T00:00:00.000Z', score: 12.34, display: 12, level: 'low' }],
    changes: [
      {
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-11-01T00:00:00.000Z',
        delta: 7.34,
        spike: true,
        steps: [
          {
            kind: 'new-detected',
            delta: 7.34,
            devices: 1,
            weaknesses: [{ id: 'CVE-1', title: null, kev: false, delta: 7.34, devices: 1 }],
          },
        ],
      },
    ],
    groups: [{ name: 'Web', score: 24.68, display: 25, level: 'low', devices: 1, byLevel: level }],
    recommendations: [
      {
        id: 'software/acme/thing',
        title: 'Update acme thing',
        kind: 'software',
        imported: false,
        software: { vendor: 'acme', product: 'thing' },
        targetVersion: '2.0',
        weaknesses: ['CVE-1'],
        exposedDevices: 1,
        devices: ['d1'],
        openFindings: 1,
        severity: { score: 7.5, label: 'high' },
        threats: { kev: 0, weaponized: 0, poc: 0, maxEpss: null, activeAlerts: 0 },
        exposureImpact: 12.34,
      },
    ],
    weaknesses: [
      {
        id: 'CVE-1',
        kind: 'vulnerability',
        title: null,
        severity: 7.5,
        severityLabel: 'high',
        cvss: { version: '3.1', score: 7.5 },
        published: null,
        kev: false,
        exploit: 'none',
        epss: 0.1,
        references: [],
        devices: 1,
      },
    ],
    plan: [
      {
        step: 1,
        recommendation: 'software/acme/thing',
        title: 'Update acme thing',
        exposureImpact: 12.34,
        score: 0,
        display: 0,
        level: 'low',
      },
    ],
    feeds: {
      kev: { catalogVersion: '2026.10.30', count: 2 },
      epss: { modelVersion: 'v2026.06.15', scoreDate: '2026-09-29' },
    },
    inputs: {
      digest: 'a'.repeat(64),
      files: [
        {
          path: 'scan.json',
          format: 'native',
          sha256: 'b'.repeat(64),
          takenAt: '2026-11-01T00:00:00.000Z',
          timeSource: 'file',
          coverage: 'full',
          devices: 2,
          findings: 1,
        },
      ],
    },
    warnings: [],
    history: null,
    vendorScores: [],
  };
}

describe('validateReportDocument', () => {
  it('accepts a valid document', () => {
    const result = validateReportDocument(minimal());
    expect(result).toEqual({ ok: true, document: minimal() });
  });

  it('names the path of each problem', () => {
    // Deliberately malformed: bypass the document type to reach nested fields.
    const doc = structuredClone(minimal()) as unknown as {
      changes: Array<{ steps: Array<{ kind: string }> }>;
      level: string;
      inputs: { digest?: string };
      previous?: unknown;
    };
    doc.changes[0]!.steps[0]!.kind = 'magic';
    doc.level = 'severe';
    delete doc.inputs.digest;
    doc.previous = { asOf: 'x' };
    const result = validateReportDocument(doc);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain(
      '$.level: should be one of "none", "low", "medium", "high", found the string "severe"',
    );
    expect(
      errors.some((e) =>
        e.startsWith('$.changes[0].steps[0].kind: should be one of "devices-removed"'),
      ),
    ).toBe(true);
    expect(errors).toContain('$.inputs: is missing the required field "digest"');
    expect(errors.some((e) => e.startsWith('$.previous'))).toBe(true);
    expect(errors.every((e) => !e.includes('should be a null'))).toBe(true);
  });

  it('caps the list of errors', () => {
    const doc = minimal() as unknown as { devices: { items?: unknown[] } };
    doc.devices.items = Array.from({ length: 30 }, () => ({}));
    const result = validateReportDocument(doc);
    expect(result.ok ? 0 : result.errors.length).toBeLessThanOrEqual(11);
  });

  it('rejects what is not an object', () => {
    expect(validateReportDocument(null)).toEqual({
      ok: false,
      errors: ['$: should be an object, found null'],
    });
  });

  it('publishes schemas that compile with a default Ajv', () => {
    for (const name of ['exposure-report-1', 'exposure-snapshot-1'] as const) {
      const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object;
      expect(() => new Ajv({ allowUnionTypes: true }).compile(schema)).not.toThrow();
    }
  });
});
