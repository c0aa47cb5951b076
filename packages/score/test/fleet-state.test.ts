import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assess,
  fleetState,
  type Coverage,
  type Observation,
  type Snapshot,
} from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

const H = 3_600_000;
const DAY = 24 * H;
const T = Date.parse('2026-11-01T12:00:00Z');

/** S = 0.8 with no threat evidence: r = 0.8 × 0.005 = 0.004, so D = 0.4 for one pair. */
const HIGH = makeWeakness('CVE-H', 8);
/** S = 1 and KEV: r = 0.5, D = 50. */
const KEV = makeWeakness('CVE-K', 10, { kev: true });

function observe(
  source: string,
  time: number,
  coverage: Coverage,
  snapshot: Omit<Parameters<typeof makeSnapshot>[0], 'takenAt'>,
): Observation {
  return {
    source,
    format: coverage === 'full' ? 'native' : 'trivy',
    time,
    timeSource: 'file',
    coverage,
    snapshot: makeSnapshot({ ...snapshot, takenAt: new Date(time).toISOString() }),
  };
}

function devicesOf(s: Snapshot): Array<[string, number]> {
  const a = assess(s);
  return a.devices.map((d) => [d.id, Math.round(d.score * 1e6) / 1e6]);
}

describe('fleetState', () => {
  it('takes each device from its own latest observation: a partial one replaces only its device', () => {
    const full = observe('fleet.json', T - 2 * H, 'full', {
      devices: [makeDevice('a'), makeDevice('b')],
      weaknesses: [KEV],
      findings: [makeFinding('a', 'CVE-K'), makeFinding('b', 'CVE-K')],
    });
    // b is scanned again later and is clean now; a keeps its finding from the full observation.
    const rescan = observe('b.json', T - H, 'partial', {
      devices: [makeDevice('b')],
      weaknesses: [],
      findings: [],
    });
    const state = fleetState([rescan, full], T)!;
    expect(devicesOf(state.snapshot)).toEqual([
      ['a', 50],
      ['b', 0],
    ]);
    // E = (50 + 0) / 2
    expect(assess(state.snapshot).score).toBe(25);
    expect(state.observedAt.get('a')).toBe(T - 2 * H);
    expect(state.observedAt.get('b')).toBe(T - H);
  });

  it('a partial observation older than the full one does not replace what the full one says', () => {
    const rescan = observe('b.json', T - 3 * H, 'partial', {
      devices: [makeDevice('b')],
      weaknesses: [KEV],
      findings: [makeFinding('b', 'CVE-K')],
    });
    const full = observe('fleet.json', T - 2 * H, 'full', {
      devices: [makeDevice('a'), makeDevice('b')],
      weaknesses: [HIGH],
      findings: [makeFinding('a', 'CVE-H')],
    });
    const state = fleetState([full, rescan], T)!;
    expect(devicesOf(state.snapshot)).toEqual([
      ['a', 0.4],
      ['b', 0],
    ]);
  });

  it('a later full observation removes the devices it no longer lists, unless a newer partial names them', () => {
    const first = observe('day1.json', T - 2 * DAY, 'full', {
      devices: [makeDevice('a'), makeDevice('b'), makeDevice('c')],
      weaknesses: [KEV],
      findings: [makeFinding('a', 'CVE-K'), makeFinding('b', 'CVE-K'), makeFinding('c', 'CVE-K')],
    });
    const second = observe('day2.json', T - DAY, 'full', {
      devices: [makeDevice('a')],
      weaknesses: [KEV],
      findings: [makeFinding('a', 'CVE-K')],
    });
    const cScan = observe('c.json', T - DAY + H, 'partial', {
      devices: [makeDevice('c')],
      weaknesses: [HIGH],
      findings: [makeFinding('c', 'CVE-H')],
    });
    const oldBScan = observe('b.json', T - 3 * DAY, 'partial', {
      devices: [makeDevice('b')],
      weaknesses: [HIGH],
      findings: [makeFinding('b', 'CVE-H')],
    });
    const state = fleetState([first, second, cScan, oldBScan], T)!;
    expect(devicesOf(state.snapshot)).toEqual([
      ['a', 50],
      ['c', 0.4],
    ]);
    expect(state.used.has(first)).toBe(false);
    expect(state.used.has(oldBScan)).toBe(false);
  });

  it('a device whose latest observation is more than 30 days before T is out of scope', () => {
    const old = observe('old.json', T - 31 * DAY, 'partial', {
      devices: [makeDevice('old')],
      weaknesses: [KEV],
      findings: [makeFinding('old', 'CVE-K')],
    });
    const recent = observe('new.json', T - 29 * DAY, 'partial', {
      devices: [makeDevice('new')],
      weaknesses: [HIGH],
      findings: [makeFinding('new', 'CVE-H')],
    });
    const state = fleetState([old, recent], T)!;
    expect(state.snapshot.devices.map((d) => [d.id, d.inScope])).toEqual([
      ['new', true],
      ['old', false],
    ]);
    const a = assess(state.snapshot);
    expect(a.score).toBeCloseTo(0.4, 12);
    expect(a.deviceCounts).toMatchObject({ total: 1, outOfScope: 1 });
  });

  it('observations after T do not count; none at or before T gives no state', () => {
    const later = observe('later.json', T + H, 'partial', {
      devices: [makeDevice('x')],
      weaknesses: [KEV],
      findings: [makeFinding('x', 'CVE-K')],
    });
    expect(fleetState([later], T)).toBeNull();
    expect(fleetState([later], T + H)!.snapshot.devices).toHaveLength(1);
  });

  it('observations of one device at the same time merge (two scanners of one image)', () => {
    const trivy = observe('trivy.json', T, 'partial', {
      devices: [makeDevice('img')],
      weaknesses: [KEV],
      findings: [makeFinding('img', 'CVE-K')],
    });
    const grype = observe('grype.json', T, 'partial', {
      devices: [makeDevice('img')],
      weaknesses: [HIGH],
      findings: [makeFinding('img', 'CVE-H')],
    });
    const state = fleetState([grype, trivy], T)!;
    // D = 100 × (1 − (1 − 0.5)(1 − 0.004)) = 50.2
    expect(assess(state.snapshot).score).toBeCloseTo(50.2, 10);
  });

  it('a catalogue (full, but naming no device) neither lists nor removes devices', () => {
    const scan = observe('a.json', T - H, 'partial', {
      devices: [makeDevice('a')],
      weaknesses: [makeWeakness('CVE-K', 10)],
      findings: [makeFinding('a', 'CVE-K')],
    });
    const catalogue = observe('vulnerabilities.json', T, 'full', {
      weaknesses: [KEV],
      findings: [],
    });
    const state = fleetState([scan, catalogue], T)!;
    expect(state.snapshot.devices.map((d) => d.id)).toEqual(['a']);
    // The catalogue's KEV flag reaches the weakness: r = 1 × 0.5.
    expect(assess(state.snapshot).score).toBe(50);
  });

  it('one observation that is the whole state is scored as it is (same snapshot, same numbers)', () => {
    const only = observe('fleet.json', T, 'full', {
      devices: [makeDevice('a'), makeDevice('b', { value: 'high' })],
      weaknesses: [KEV, HIGH],
      findings: [makeFinding('a', 'CVE-K'), makeFinding('b', 'CVE-H')],
    });
    const state = fleetState([only], T)!;
    expect(state.snapshot).toBe(only.snapshot);
  });
});

/** A random fleet split into one observation per device: the same findings, however they arrive. */
const fleetArb = fc
  .array(
    fc.record({
      weaknesses: fc.uniqueArray(fc.constantFrom('W1', 'W2', 'W3', 'W4'), { maxLength: 4 }),
      value: fc.constantFrom('low' as const, 'normal' as const, 'high' as const),
      minutes: fc.integer({ min: 0, max: 600 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((devices) => devices.map((d, i) => ({ ...d, id: `d${i}` })));

const WEAKNESSES = [
  makeWeakness('W1', 9.8, { kev: true }),
  makeWeakness('W2', 5, { exploit: 'poc' }),
  makeWeakness('W3', 7.5, { epss: 0.3 }),
  makeWeakness('W4', 10, { kev: true, exploit: 'weaponized' }),
];

describe('fleetState properties', () => {
  it('the same findings give the same numbers in one observation or one per device, in any order', () => {
    fc.assert(
      fc.property(fleetArb, fc.infiniteStream(fc.nat()), (devices, keys) => {
        const all = observe('all.json', T, 'full', {
          devices: devices.map((d) => makeDevice(d.id, { value: d.value })),
          weaknesses: WEAKNESSES,
          findings: devices.flatMap((d) => d.weaknesses.map((w) => makeFinding(d.id, w))),
        });
        const split = devices.map((d) =>
          observe(`${d.id}.json`, T - d.minutes * 60_000, 'partial', {
            devices: [makeDevice(d.id, { value: d.value })],
            weaknesses: WEAKNESSES.filter((w) => (d.weaknesses as string[]).includes(w.id)),
            findings: d.weaknesses.map((w) => makeFinding(d.id, w)),
          }),
        );
        const order = [...split]
          .map((o) => ({ o, k: keys.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.o);
        const one = assess(fleetState([all], T)!.snapshot);
        const many = assess(fleetState(order, T)!.snapshot);
        const again = assess(fleetState([...order].reverse(), T)!.snapshot);
        expect(many.score).toBeCloseTo(one.score, 9);
        expect(JSON.stringify(again)).toBe(JSON.stringify(many));
        expect(many.recommendations.map((r) => [r.id, r.exposureImpact.toFixed(9)])).toEqual(
          one.recommendations.map((r) => [r.id, r.exposureImpact.toFixed(9)]),
        );
      }),
      { numRuns: 200 },
    );
  });
});
