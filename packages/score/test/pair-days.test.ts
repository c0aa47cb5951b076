import { describe, expect, it } from 'vitest';
import { NO_PAIRS, PairDays } from '../src/pair-days.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

function snapshotOf(pairs: Array<[string, string]>) {
  const devices = [...new Set(pairs.map(([d]) => d))].map((d) => makeDevice(d));
  const weaknesses = [...new Set(pairs.map(([, w]) => w))].map((w) => makeWeakness(w, 5));
  return makeSnapshot({
    devices,
    weaknesses,
    findings: pairs.map(([d, w]) => makeFinding(d, w)),
  });
}

describe('PairDays', () => {
  it('writes pairs in (device id, weakness id) order whatever order the ids were met in', () => {
    const pairs: Array<[string, string]> = [
      ['web-2', 'CVE-B'],
      ['web-10', 'CVE-A'],
      ['web-2', 'CVE-A'],
      ['db', 'CVE-C'],
    ];
    const records = [pairs, [...pairs].reverse()].map((order) => {
      const index = new PairDays();
      const open = index.openPairs(snapshotOf(order));
      // db first seen on Oct 1, the web servers on Nov 1.
      const db = index.openPairs(snapshotOf(order.filter(([d]) => d === 'db')));
      const october = index.advance(NO_PAIRS, NO_PAIRS.keys, db, '2026-10-01');
      return index.toRecord(index.advance(october, db, open, '2026-11-01'));
    });
    expect(records[0]).toEqual(records[1]);
    const r = records[0]!;
    expect(r.device.map((i) => r.devices[i])).toEqual(['db', 'web-10', 'web-2', 'web-2']);
    expect(r.weakness.map((i) => r.weaknesses[i])).toEqual(['CVE-C', 'CVE-A', 'CVE-A', 'CVE-B']);
    expect(r.day.map((i) => r.days[i])).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-11-01',
      '2026-11-01',
    ]);
  });

  it('reads back what it wrote, in a fresh index', () => {
    const a = new PairDays();
    const open = a.openPairs(
      snapshotOf([
        ['d1', 'CVE-1'],
        ['d2', 'CVE-2'],
      ]),
    );
    const record = a.toRecord(a.advance(NO_PAIRS, NO_PAIRS.keys, open, '2026-11-03'));
    const b = new PairDays();
    const back = b.fromRecord(record);
    expect(b.dayOf(back, b.keyOf('d2', 'CVE-2')!)).toBe('2026-11-03');
    expect(b.keyOf('d3', 'CVE-2')).toBeUndefined();
    expect(b.toRecord(back)).toEqual(record);
  });

  it('keeps the first day of a pair open on consecutive days, and starts again after a gap', () => {
    const index = new PairDays();
    const day1 = index.openPairs(
      snapshotOf([
        ['d1', 'A'],
        ['d1', 'B'],
        ['d2', 'A'],
      ]),
    );
    const day2 = index.openPairs(
      snapshotOf([
        ['d1', 'A'],
        ['d2', 'A'],
        ['d2', 'C'],
      ]),
    );
    const day3 = index.openPairs(
      snapshotOf([
        ['d1', 'A'],
        ['d1', 'B'],
        ['d2', 'C'],
      ]),
    );
    let seen = index.advance(NO_PAIRS, NO_PAIRS.keys, day1, '2026-11-01');
    seen = index.advance(seen, day1, day2, '2026-11-02');
    const before = seen;
    seen = index.advance(seen, day2, day3, '2026-11-03');
    const on = (list: typeof seen, d: string, w: string) => index.dayOf(list, index.keyOf(d, w)!);
    expect(on(seen, 'd1', 'A')).toBe('2026-11-01');
    expect(on(seen, 'd1', 'B')).toBe('2026-11-03'); // closed on the 2nd: seen again
    expect(on(seen, 'd2', 'C')).toBe('2026-11-02');
    expect(on(seen, 'd2', 'A')).toBeUndefined(); // closed
    const both = index.union(seen, before);
    expect(on(both, 'd2', 'A')).toBe('2026-11-01'); // from the day before
    expect(on(both, 'd1', 'B')).toBe('2026-11-03'); // the later list wins
    expect([...both.keys]).toEqual([...both.keys].sort((a, b) => a - b));
    expect(index.toRecord(index.fromRecord(index.toRecord(both)))).toEqual(index.toRecord(both));
  });
});
