import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA,
  deadlines,
  openKevWeaknesses,
  type FindingInput,
  type Snapshot,
} from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

const WEAKNESSES = [
  makeWeakness('CRIT', 9.5), // critical: 7 days
  makeWeakness('HIGH', 7.5), // high: 30 days
  makeWeakness('MED', 5), // medium: 90 days
  makeWeakness('LOW', 2), // low: 180 days
  makeWeakness('KEV', 7.5, { kev: true }), // high, listed in KEV
  makeWeakness('INFO', 0), // severity none: no policy deadline
];

const DEVICES = [makeDevice('d1', { group: 'Web' }), makeDevice('d2', { group: 'Db' })];

function run(day: string, findings: FindingInput[]): Snapshot {
  return makeSnapshot({
    takenAt: `${day}T12:00:00Z`,
    devices: DEVICES,
    weaknesses: WEAKNESSES,
    findings,
  });
}

/**
 * What the history does between runs: an open pair keeps its first-seen day, a new pair gets the
 * run's day, a pair no longer open is forgotten. Kept here so each run's map is spelled out below.
 */
function firstSeenOf(map: Record<string, string>) {
  return (device: string, weakness: string) => map[`${device}|${weakness}`];
}

describe('deadlines across a three-run history', () => {
  // Run 1, 2026-10-01: d1 CRIT, d1 HIGH, d2 LOW.
  const run1 = run('2026-10-01', [
    makeFinding('d1', 'CRIT', { software: { vendor: 'acme', product: 'httpd' } }),
    makeFinding('d1', 'HIGH', { software: { vendor: 'acme', product: 'httpd' } }),
    makeFinding('d2', 'LOW'),
  ]);
  const seen1 = { 'd1|CRIT': '2026-10-01', 'd1|HIGH': '2026-10-01', 'd2|LOW': '2026-10-01' };
  // Run 2, 2026-10-20: the same, plus d2 MED (new).
  const run2 = run('2026-10-20', [
    makeFinding('d1', 'CRIT', { software: { vendor: 'acme', product: 'httpd' } }),
    makeFinding('d1', 'HIGH', { software: { vendor: 'acme', product: 'httpd' } }),
    makeFinding('d2', 'LOW'),
    makeFinding('d2', 'MED'),
  ]);
  const seen2 = { ...seen1, 'd2|MED': '2026-10-20' };
  // Run 3, 2026-11-01: CRIT fixed on d1; d2 gets CRIT (new); the rest stays.
  const run3 = run('2026-11-01', [
    makeFinding('d1', 'HIGH', { software: { vendor: 'acme', product: 'httpd' } }),
    makeFinding('d2', 'LOW'),
    makeFinding('d2', 'MED'),
    makeFinding('d2', 'CRIT'),
  ]);
  const seen3 = {
    'd1|HIGH': '2026-10-01',
    'd2|LOW': '2026-10-01',
    'd2|MED': '2026-10-20',
    'd2|CRIT': '2026-11-01',
  };

  it('run 1: everything is new, nothing is late; CRIT is due within 7 days', () => {
    const d = deadlines({ snapshot: run1, firstSeen: firstSeenOf(seen1) });
    expect(d.asOf).toBe('2026-10-01');
    expect(d.total).toEqual({ overdue: 0, dueSoon: 1, onTime: 2 });
    expect(d.pairs.map((p) => [p.device, p.weakness, p.due, p.daysLeft, p.status])).toEqual([
      ['d1', 'CRIT', '2026-10-08', 7, 'due-soon'],
      ['d1', 'HIGH', '2026-10-31', 30, 'on-time'],
      ['d2', 'LOW', '2027-03-30', 180, 'on-time'],
    ]);
  });

  it('run 2: CRIT first seen 19 days ago is 12 days overdue; HIGH has 11 days left', () => {
    const d = deadlines({ snapshot: run2, firstSeen: firstSeenOf(seen2) });
    expect(d.total).toEqual({ overdue: 1, dueSoon: 0, onTime: 3 });
    expect(d.pairs[0]).toMatchObject({ weakness: 'CRIT', daysLeft: -12, status: 'overdue' });
    expect(d.pairs.find((p) => p.weakness === 'HIGH')).toMatchObject({
      firstSeen: '2026-10-01',
      daysLeft: 11,
      status: 'on-time',
    });
    expect(d.pairs.find((p) => p.weakness === 'MED')).toMatchObject({
      firstSeen: '2026-10-20',
      due: '2027-01-18',
      daysLeft: 90,
    });
    // Per recommendation: CRIT and HIGH go through acme httpd.
    expect(d.byRecommendation).toEqual([
      { id: 'software/acme/httpd', overdue: 1, dueSoon: 0, onTime: 1 },
      { id: 'weakness/LOW', overdue: 0, dueSoon: 0, onTime: 1 },
      { id: 'weakness/MED', overdue: 0, dueSoon: 0, onTime: 1 },
    ]);
    expect(d.byGroup).toEqual([
      { name: 'Web', overdue: 1, dueSoon: 0, onTime: 1 },
      { name: 'Db', overdue: 0, dueSoon: 0, onTime: 2 },
    ]);
  });

  it('run 3: HIGH is now 1 day overdue by its first-seen day, not by this run', () => {
    const d = deadlines({ snapshot: run3, firstSeen: firstSeenOf(seen3) });
    expect(d.total).toEqual({ overdue: 1, dueSoon: 1, onTime: 2 });
    expect(d.pairs.map((p) => [p.device, p.weakness, p.daysLeft, p.status])).toEqual([
      ['d1', 'HIGH', -1, 'overdue'],
      ['d2', 'CRIT', 7, 'due-soon'],
      ['d2', 'MED', 78, 'on-time'],
      ['d2', 'LOW', 149, 'on-time'],
    ]);
    // Had the history been lost, every pair would look new: nothing overdue.
    const fresh = deadlines({ snapshot: run3, firstSeen: () => undefined });
    expect(fresh.total).toEqual({ overdue: 0, dueSoon: 1, onTime: 3 });
  });
});

describe('KEV due dates and the policy', () => {
  const snapshot = run('2026-11-01', [
    makeFinding('d1', 'KEV'),
    makeFinding('d2', 'KEV'),
    makeFinding('d2', 'INFO'),
  ]);
  const firstSeen = firstSeenOf({
    'd1|KEV': '2026-10-01',
    'd2|KEV': '2026-10-25',
    'd2|INFO': '2026-10-01',
  });

  it('a KEV dueDate earlier than the policy wins; a later one does not', () => {
    // Policy: high, 30 days: d1 2026-10-31, d2 2026-11-24. KEV listing due 2026-10-15.
    const d = deadlines({ snapshot, firstSeen, kevDueDates: new Map([['KEV', '2026-10-15']]) });
    expect(d.pairs).toEqual([
      {
        device: 'd1',
        weakness: 'KEV',
        firstSeen: '2026-10-01',
        due: '2026-10-15',
        dueFrom: 'kev',
        status: 'overdue',
        daysLeft: -17,
      },
      {
        device: 'd2',
        weakness: 'KEV',
        firstSeen: '2026-10-25',
        due: '2026-10-15',
        dueFrom: 'kev',
        status: 'overdue',
        daysLeft: -17,
      },
    ]);
    const later = deadlines({ snapshot, firstSeen, kevDueDates: new Map([['KEV', '2026-11-20']]) });
    expect(later.pairs.map((p) => [p.device, p.due, p.dueFrom, p.status])).toEqual([
      ['d1', '2026-10-31', 'policy', 'overdue'],
      ['d2', '2026-11-20', 'kev', 'on-time'],
    ]);
  });

  it('a pair of severity none has no deadline; the oldest open KEV is the one seen first', () => {
    const d = deadlines({ snapshot, firstSeen });
    expect(d.withoutDeadline).toBe(1);
    expect(d.oldestKev).toMatchObject({ device: 'd1', weakness: 'KEV', daysOpen: 31 });
    expect(openKevWeaknesses(snapshot)).toEqual(['KEV']);
  });

  it('a configured policy replaces the defaults', () => {
    expect(DEFAULT_SLA).toEqual({ critical: 7, high: 30, medium: 90, low: 180 });
    const d = deadlines({
      snapshot,
      firstSeen,
      policy: { critical: 3, high: 60, medium: 120, low: 365 },
    });
    expect(d.pairs.map((p) => [p.device, p.due, p.status])).toEqual([
      ['d1', '2026-11-30', 'on-time'],
      ['d2', '2026-12-24', 'on-time'],
    ]);
  });
});
