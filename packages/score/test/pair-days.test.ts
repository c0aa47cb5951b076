import { describe, expect, it } from 'vitest';
import { PairDays } from '../src/pair-days.js';
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
      index.openPairs(snapshotOf(order));
      const days = new Map(
        pairs.map(([d, w]) => [index.keyOf(d, w)!, d === 'db' ? '2026-10-01' : '2026-11-01']),
      );
      return index.toRecord(days);
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
    const record = a.toRecord(new Map([...open].map((k) => [k, '2026-11-03'])));
    const b = new PairDays();
    const back = b.fromRecord(record);
    expect(back.get(b.keyOf('d2', 'CVE-2')!)).toBe('2026-11-03');
    expect(b.keyOf('d3', 'CVE-2')).toBeUndefined();
    expect(b.toRecord(back)).toEqual(record);
  });
});
