/**
 * Exceptions and deadlines inside the one evaluation: rules apply to every trend point as of its
 * own day, first-seen days (and so due dates) come from the raw states carried by the history,
 * and "new KEV" compares with the previous trend point. Scores are hand-computed.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  type CarriedHistory,
  type Evaluation,
  type ExceptionRule,
  type Observation,
} from '../src/index.js';
import { makeWeakness } from './builders.js';
import { carry, INPUTS, scan as scanOf } from './evaluations.js';

const DAY1 = Date.parse('2026-11-01T10:00:00Z');
const DAY2 = Date.parse('2026-11-02T10:00:00Z');
const DAY9 = Date.parse('2026-11-09T10:00:00Z');

/** S = 1 and KEV: r = 0.5, D = 50; critical, so due 7 days after first seen. */
const KEV = makeWeakness('CVE-K', 10, { kev: true });
/** S = 0.8, nothing known: r = 0.004, D = 0.4; high, due after 30 days. */
const LOW = makeWeakness('CVE-L', 8);

const scan = (time: number, device: string, weaknesses: ReturnType<typeof makeWeakness>[]) =>
  scanOf(`${device}-${time}.json`, time, device, weaknesses);

function run(
  observations: Observation[],
  extra: {
    history?: CarriedHistory;
    exceptions?: ExceptionRule[];
    kevDueDates?: Map<string, string>;
  } = {},
): Evaluation {
  return evaluate({ observations, keepHistory: true, inputs: INPUTS, ...extra });
}

const accepted = (expires?: string): ExceptionRule => ({
  source: 'exceptions.csv line 2',
  weakness: 'CVE-K',
  reason: 'compensating control',
  ...(expires !== undefined && { expires }),
});

describe('evaluate with exceptions and deadlines', () => {
  it('applies an exception to every trend point, so it never reads as a remediation', () => {
    const e = run(
      [scan(DAY1, 'image', [KEV]), scan(DAY1, 'sbom', [LOW]), scan(DAY2, 'image', [KEV])],
      { exceptions: [accepted()] },
    );
    // Both days: (0 + 0.4) / 2 = 0.2; without the exception (50 + 0.4) / 2 = 25.2.
    expect(e.trend.points.map((p) => p.score)).toEqual([0.2, 0.2]);
    expect(e.document.score).toBe(0.2);
    expect(e.document.scoreWithoutExceptions).toBe(25.2);
    expect(e.document.exceptions?.findings).toBe(1);
    expect(e.document.exceptions?.rules[0]).toMatchObject({ expired: false, devices: ['image'] });
    // The history keeps the raw state: the pair is still open there.
    expect(e.history.state?.findings).toBeDefined();
    const raw = carry(e).state!.snapshot;
    expect(raw.findings.status[0]).toBe(0);
  });

  it('an exception that expires counts again from the next day, attributed, with a warning', () => {
    const e = run(
      [scan(DAY1, 'image', [KEV]), scan(DAY1, 'sbom', [LOW]), scan(DAY2, 'image', [KEV])],
      { exceptions: [accepted('2026-11-01')] },
    );
    expect(e.trend.points.map((p) => p.score)).toEqual([0.2, 25.2]);
    const change = e.trend.changes[0]!;
    expect(change.delta).toBeCloseTo(25, 10);
    expect(change.steps.reduce((s, x) => s + x.delta, 0)).toBeCloseTo(25, 10);
    expect(e.warnings).toContain(
      'exceptions.csv line 2: exception expired on 2026-11-01: its 1 finding count again',
    );
    // First seen on day 1 although it was accepted then: critical, due 7 days later.
    expect(e.document.deadlines!.overduePairs).toEqual([]);
    expect(e.firstSeen('image', 'CVE-K')).toBe('2026-11-01');
    expect(e.document.deadlines).toMatchObject({ overdue: 0, dueSoon: 1 });
  });

  it('due dates come from first-seen days kept across three runs; a KEV dueDate wins when earlier', () => {
    const one = run([scan(DAY1, 'image', [KEV]), scan(DAY1, 'sbom', [LOW])]);
    const two = run([scan(DAY2, 'image', [KEV])], { history: carry(one) });
    const three = run([scan(DAY9, 'image', [KEV])], { history: carry(two) });
    expect(three.trend.points).toHaveLength(3);
    expect(three.firstSeen('image', 'CVE-K')).toBe('2026-11-01');
    const d = three.document.deadlines!;
    // Critical: 2026-11-01 + 7 = 2026-11-08, one day late on 2026-11-09. CVE-L (high): due
    // 2026-12-01, on time (more than 7 days left).
    expect(d).toMatchObject({ overdue: 1, dueSoon: 0, onTime: 1 });
    expect(d.overduePairs).toEqual([
      expect.objectContaining({
        device: 'image',
        weakness: 'CVE-K',
        firstSeen: '2026-11-01',
        due: '2026-11-08',
        dueFrom: 'policy',
        daysLeft: -1,
      }),
    ]);
    expect(d.oldestKev).toMatchObject({ weakness: 'CVE-K', daysOpen: 8 });

    const kev = run([scan(DAY9, 'image', [KEV])], {
      history: carry(two),
      kevDueDates: new Map([['CVE-K', '2026-11-05']]),
    });
    expect(kev.document.deadlines!.overduePairs[0]).toMatchObject({
      due: '2026-11-05',
      dueFrom: 'kev',
      daysLeft: -4,
    });
  });

  it('a KEV weakness is new when the previous trend point did not have it open', () => {
    const one = run([scan(DAY1, 'image', [LOW])]);
    expect(one.document.deadlines!.newKev).toBeNull();
    const two = run([scan(DAY2, 'image', [LOW, KEV])], { history: carry(one) });
    expect(two.document.deadlines!.newKev).toEqual(['CVE-K']);
    const three = run([scan(DAY9, 'image', [LOW, KEV])], { history: carry(two) });
    expect(three.document.deadlines!.newKev).toEqual([]);
    // Accepted on the previous point and open now is new to the score, so it is new here too.
    const accepted2 = run([scan(DAY9, 'image', [LOW, KEV])], {
      history: carry(two),
      exceptions: [accepted('2026-11-02')],
    });
    expect(accepted2.document.deadlines!.newKev).toEqual(['CVE-K']);
  });
});
