import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportionCents, assess, toReportDocument, trend } from '../src/index.js';
import { makeFinding, makeSnapshot, makeWeakness } from './builders.js';

describe('apportionCents', () => {
  it('rounds parts so that they add up to the total exactly', () => {
    expect(apportionCents([0.333, 0.333, 0.334], 100)).toEqual([33, 33, 34]);
    expect(apportionCents([-1.005, 3.015], 201)).toEqual([-100, 301]);
  });
  it('always sums to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 11 }),
        (parts) => {
          const total = Math.round(parts.reduce((a, b) => a + b, 0) * 100);
          const out = apportionCents(parts, total);
          expect(out.reduce((a, b) => a + b, 0)).toBe(total + 0);
          out.forEach((c, i) => expect(Math.abs(c - parts[i]! * 100)).toBeLessThan(2 + 1e-9));
        },
      ),
    );
  });
});

describe('toReportDocument', () => {
  it('rounds scores to 2 decimals and makes the published steps add up to the published delta', () => {
    const w = [makeWeakness('A', 7.3, { exploit: 'poc' }), makeWeakness('B', 9.1, { kev: true })];
    const s1 = makeSnapshot({
      takenAt: '2026-10-01T00:00:00Z',
      weaknesses: w,
      findings: [makeFinding('d1', 'A'), makeFinding('d2', 'A')],
    });
    const s2 = makeSnapshot({
      takenAt: '2026-10-02T00:00:00Z',
      weaknesses: [makeWeakness('A', 7.3, { exploit: 'weaponized' }), w[1]!],
      findings: [makeFinding('d1', 'A'), makeFinding('d2', 'B'), makeFinding('d3', 'B')],
    });
    const t = trend([s1, s2]);
    const doc = toReportDocument({
      assessment: assess(s2),
      trend: t,
      inputs: { digest: 'sha256:0', files: [] },
    });
    expect(doc.schema).toBe('exposure-report/1');
    expect(doc.model).toBe('exposure-model/2');
    expect(doc.score).toBe(Math.round(assess(s2).score * 100) / 100);
    const change = doc.changes[0]!;
    expect(change.delta).toBeCloseTo(doc.trend[1]!.score - doc.trend[0]!.score, 10);
    expect(Math.round(change.steps.reduce((a, s) => a + s.delta, 0) * 100)).toBe(
      Math.round(change.delta * 100),
    );
    expect(doc.previous).toMatchObject({ asOf: '2026-10-01T00:00:00.000Z' });
    for (const r of doc.recommendations)
      expect(Number.isInteger(r.exposureImpact * 100 + 1e-9 - 1e-9)).toBe(true);
  });
});
