import { describe, expect, it } from 'vitest';
import { assess, trend } from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

const day1 = '2026-10-01T00:00:00.000Z';
const day2 = '2026-10-02T00:00:00.000Z';

function sumSteps(steps: { delta: number }[]): number {
  return steps.reduce((a, s) => a + s.delta, 0);
}

describe('trend', () => {
  it('scores every snapshot in time order, whatever the input order', () => {
    const a = makeSnapshot({
      takenAt: day1,
      weaknesses: [makeWeakness('C', 10, { kev: true })],
      findings: [makeFinding('d', 'C')],
    });
    const b = makeSnapshot({
      takenAt: day2,
      weaknesses: [makeWeakness('C', 10, { kev: true })],
      findings: [makeFinding('d', 'C', { status: 'fixed' })],
    });
    const t = trend([b, a]);
    expect(t.points.map((p) => [p.asOf, p.score, p.level])).toEqual([
      [day1, 50, 'medium'],
      [day2, 0, 'low'],
    ]);
    expect(t.changes).toHaveLength(1);
    expect(t.changes[0]).toMatchObject({ from: day1, to: day2, delta: -50, spike: true });
    expect(t.changes[0]!.steps.map((s) => s.kind)).toEqual(['remediated']);
    expect(t.changes[0]!.steps[0]!.weaknesses[0]).toMatchObject({ id: 'C', kev: true, devices: 1 });
    expect(t.changes[0]!.steps[0]!.weaknesses[0]!.delta).toBeCloseTo(-50, 12);
  });

  it('explains a KEV listing as a threat change, apart from new findings', () => {
    const devices = [makeDevice('a'), makeDevice('b')];
    const before = makeSnapshot({
      takenAt: day1,
      devices,
      weaknesses: [
        makeWeakness('OLD', 10),
        makeWeakness('NEW', 5, { published: '2026-10-01T12:00:00Z' }),
      ],
      findings: [makeFinding('a', 'OLD')],
    });
    const after = makeSnapshot({
      takenAt: day2,
      devices,
      weaknesses: [
        makeWeakness('OLD', 10, { kev: true }),
        makeWeakness('NEW', 5, { published: '2026-10-01T12:00:00Z' }),
        makeWeakness('SEEN', 4),
      ],
      findings: [makeFinding('a', 'OLD'), makeFinding('b', 'NEW'), makeFinding('b', 'SEEN')],
    });
    const t = trend([before, after]);
    const change = t.changes[0]!;
    const kinds = Object.fromEntries(change.steps.map((s) => [s.kind, s]));
    expect(Object.keys(kinds)).toEqual(['new-published', 'new-detected', 'kev']);
    // OLD on a: r from 0.005 to 0.5 → D_a from 0.5 to 50; over 2 devices: +24.75
    expect(kinds.kev!.delta).toBeCloseTo(24.75, 10);
    expect(kinds['new-published']!.delta).toBeCloseTo((100 * 0.5 * 0.005) / 2, 10);
    expect(kinds['new-detected']!.weaknesses[0]!.id).toBe('SEEN');
    expect(sumSteps(change.steps)).toBeCloseTo(change.delta, 12);
    expect(change.delta).toBeCloseTo(assess(after).score - assess(before).score, 12);
    expect(change.spike).toBe(true);
  });

  it('attributes devices that appear and disappear', () => {
    const w = [makeWeakness('C', 10, { kev: true })];
    const before = makeSnapshot({
      takenAt: day1,
      devices: [makeDevice('a'), makeDevice('gone')],
      weaknesses: w,
      findings: [makeFinding('gone', 'C')],
    });
    const after = makeSnapshot({
      takenAt: day2,
      devices: [makeDevice('a'), makeDevice('new')],
      weaknesses: w,
      findings: [makeFinding('new', 'C', { activeAlert: true })],
    });
    const change = trend([before, after]).changes[0]!;
    expect(change.steps.map((s) => s.kind)).toEqual(['devices-removed', 'devices-added']);
    expect(change.steps[0]!.delta).toBeCloseTo(-25, 12);
    expect(change.steps[1]!.delta).toBeCloseTo(50, 12);
    expect(change.delta).toBeCloseTo(25, 12);
    expect(change.spike).toBe(true);
  });

  it('a change under 5 points is no spike', () => {
    const w = [makeWeakness('C', 10, { exploit: 'poc' })];
    const before = makeSnapshot({
      takenAt: day1,
      devices: [makeDevice('a')],
      weaknesses: w,
      findings: [],
    });
    const after = makeSnapshot({
      takenAt: day2,
      devices: [makeDevice('a')],
      weaknesses: w,
      findings: [makeFinding('a', 'C')],
    });
    const change = trend([before, after]).changes[0]!;
    expect(change.delta).toBeCloseTo(8, 12);
    expect(change.spike).toBe(true);
    const small = trend([
      before,
      makeSnapshot({
        takenAt: day2,
        devices: [makeDevice('a')],
        weaknesses: [makeWeakness('C', 5, { exploit: 'poc' })],
        findings: [makeFinding('a', 'C')],
      }),
    ]).changes[0]!;
    expect(small.delta).toBeCloseTo(4, 12);
    expect(small.spike).toBe(false);
  });

  it('a single snapshot has a point and no change', () => {
    const t = trend([makeSnapshot({ weaknesses: [], findings: [] })]);
    expect(t.points).toHaveLength(1);
    expect(t.changes).toEqual([]);
  });
});
