import { describe, expect, it } from 'vitest';
import {
  evaluate,
  EvaluationError,
  type CarriedHistory,
  type Evaluation,
  type Observation,
} from '../src/index.js';
import { makeWeakness } from './builders.js';
import { carry, INPUTS, scan } from './evaluations.js';

const H = 3_600_000;
const DAY1 = Date.parse('2026-11-01T10:00:00Z');
const DAY2 = Date.parse('2026-11-02T10:00:00Z');
const DAY3 = Date.parse('2026-11-03T10:00:00Z');

/** S = 1 and KEV: r = 0.5, D = 50. */
const KEV = makeWeakness('CVE-K', 10, { kev: true });
/** S = 0.8, nothing known: r = 0.004, D = 0.4. */
const LOW = makeWeakness('CVE-L', 8);

function run(observations: Observation[], history?: CarriedHistory, extra = {}): Evaluation {
  return evaluate({
    observations,
    ...(history && { history }),
    keepHistory: true,
    inputs: INPUTS,
    ...extra,
  });
}

describe('evaluate', () => {
  it('scores every scanned device of one run, whatever time each scan carries', () => {
    const e = run([
      scan('trivy.json', DAY1, 'image', [KEV]),
      scan('grype.json', DAY1 + 60_000, 'sbom', [LOW]),
      scan('npm.json', DAY1 + 120_000, 'app', []),
    ]);
    // E = (50 + 0.4 + 0) / 3
    expect(e.document.score).toBe(16.8);
    expect(e.document.devices.total).toBe(3);
    expect(e.document.asOf).toBe(new Date(DAY1 + 120_000).toISOString());
    expect(e.trend.points).toHaveLength(1);
  });

  it('makes one trend point per UTC day, with each change split exactly into steps', () => {
    const e = run([
      scan('a-1.json', DAY1, 'a', [KEV]),
      scan('b-1.json', DAY1 + H, 'b', []),
      scan('a-2.json', DAY2, 'a', [LOW]),
    ]);
    expect(e.trend.points.map((p) => [p.asOf, p.score])).toEqual([
      [new Date(DAY1 + H).toISOString(), 25],
      [new Date(DAY2).toISOString(), 0.2],
    ]);
    const [change] = e.trend.changes;
    expect(change!.delta).toBeCloseTo(-24.8, 12);
    expect(change!.steps.reduce((s, x) => s + x.delta, 0)).toBeCloseTo(-24.8, 12);
    expect(change!.steps.map((s) => s.kind)).toEqual(['remediated', 'new-detected']);
  });

  it('carries the trend forward: two daily runs give a two-point trend with its change', () => {
    const first = run([scan('a.json', DAY1, 'a', [KEV]), scan('b.json', DAY1, 'b', [])]);
    // Day 2 rescans only b, which now has the KEV too; a is carried from the history.
    const second = run([scan('b.json', DAY2, 'b', [KEV])], carry(first));
    expect(second.trend.points.map((p) => p.score)).toEqual([25, 50]);
    expect(second.document.devices.total).toBe(2);
    expect(second.document.changes).toHaveLength(1);
    expect(second.document.changes[0]).toMatchObject({ delta: 25, spike: true });
    expect(second.document.changes[0]!.steps.map((s) => [s.kind, s.delta])).toEqual([
      ['new-detected', 25],
    ]);
    expect(second.document.history).toEqual({ days: 2, from: '2026-11-01', retentionDays: 400 });
  });

  it('keeps first-seen days across runs, and starts them again when a pair reopens', () => {
    const first = run([scan('a.json', DAY1, 'a', [KEV])]);
    const second = run([scan('b.json', DAY2, 'b', [KEV])], carry(first));
    const third = run([scan('a.json', DAY3, 'a', [KEV, LOW])], carry(second));
    expect(third.firstSeen('a', 'CVE-K')).toBe('2026-11-01');
    expect(third.firstSeen('b', 'CVE-K')).toBe('2026-11-02');
    expect(third.firstSeen('a', 'CVE-L')).toBe('2026-11-03');
    expect(third.firstSeen('a', 'CVE-X')).toBeUndefined();
    const fixed = run([scan('a.json', DAY3 + 86_400_000, 'a', [LOW])], carry(third));
    const reopened = run([scan('a.json', DAY3 + 2 * 86_400_000, 'a', [KEV])], carry(fixed));
    expect(reopened.firstSeen('a', 'CVE-K')).toBe('2026-11-05');
  });

  it('a second run on the same day replaces that day, and still explains its change', () => {
    const first = run([scan('a.json', DAY1, 'a', [KEV])]);
    const morning = run([scan('a.json', DAY2, 'a', [KEV, LOW])], carry(first));
    const evening = run([scan('a.json', DAY2 + 6 * H, 'a', [])], carry(morning));
    expect(evening.history.days.map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02']);
    expect(evening.trend.points.map((p) => p.score)).toEqual([50, 0]);
    expect(evening.document.changes[0]).toMatchObject({ delta: -50 });
    expect(evening.document.changes[0]!.steps.map((s) => s.kind)).toEqual(['remediated']);
  });

  it('refuses an input older than the last recorded day, naming it', () => {
    const first = run([scan('a.json', DAY2, 'a', [KEV])]);
    const late = () => run([scan('old.json', DAY1, 'b', [])], carry(first));
    expect(late).toThrow(EvaluationError);
    expect(late).toThrow(
      /old\.json: observed on 2026-11-01, before the last day the history records \(2026-11-02\)/,
    );
  });

  it('the same observations give the same document in one run or day by day', () => {
    const a = scan('a.json', DAY1, 'a', [KEV]);
    const b = scan('b.json', DAY2, 'b', [LOW]);
    const c = scan('a2.json', DAY3, 'a', [LOW]);
    const once = run([c, a, b]);
    const daily = run([c], carry(run([b], carry(run([a])))));
    expect(daily.document.trend).toEqual(once.document.trend);
    expect(daily.document.changes).toEqual(once.document.changes);
    expect(daily.document.score).toBe(once.document.score);
  });

  it('scores a group with its own trend: never the organization change beside a group score', () => {
    const obs = [
      scan('lab-1.json', DAY1, 'lab', [], { group: 'Lab' }),
      scan('web-1.json', DAY1, 'web', [], { group: 'Web' }),
      scan('lab-2.json', DAY2, 'lab', [KEV], { group: 'Lab' }),
      scan('web-2.json', DAY2, 'web', [LOW], { group: 'Web' }),
    ];
    const lab = evaluate({ observations: obs, group: 'Lab', inputs: INPUTS });
    expect(lab.document.scope).toEqual({ group: 'Lab' });
    expect(lab.document.score).toBe(50);
    expect(lab.document.previous).toMatchObject({ score: 0 });
    expect(lab.document.trend.map((p) => p.score)).toEqual([0, 50]);
    const missing = evaluate({ observations: obs, group: 'Nope', inputs: INPUTS });
    expect(missing.document.scope).toEqual({ group: null });
    expect(missing.document.score).toBe(25.2);
    expect(missing.warnings).toContain(
      'no device in scope is in group "Nope"; the organization is scored',
    );
  });

  it('gives each group its own trend in the document, with or without a history', () => {
    const obs = [
      scan('lab-1.json', DAY1, 'lab', [], { group: 'Lab' }),
      scan('loose-1.json', DAY1, 'loose', [LOW]),
      scan('lab-2.json', DAY2, 'lab', [KEV], { group: 'Lab' }),
      // Web has no device on day 1: its trend starts on day 2.
      scan('web-2.json', DAY2, 'web', [LOW], { group: 'Web' }),
    ];
    for (const keepHistory of [false, true]) {
      const e = evaluate({ observations: obs, keepHistory, inputs: INPUTS });
      const byName = new Map(e.document.groups.map((g) => [g.name, g]));
      // Lab: 0 on day 1, then one device at 50.
      expect(byName.get('Lab')!.trend!.map((p) => [p.asOf, p.score, p.level])).toEqual([
        [new Date(DAY1).toISOString(), 0, 'low'],
        [new Date(DAY2).toISOString(), 50, 'medium'],
      ]);
      expect(byName.get('Web')!.trend!.map((p) => p.score)).toEqual([0.4]);
      // The devices in no group have no scope of their own to follow.
      expect(byName.get(null)!.trend).toBeUndefined();
      // Each group's last point is its score.
      for (const g of e.document.groups.filter((g) => g.trend))
        expect(g.trend!.at(-1)!.score).toBe(g.score);
    }
    // Carried day by day, the groups' trends are the same as read in one run.
    const once = evaluate({ observations: obs, keepHistory: true, inputs: INPUTS });
    const first = evaluate({ observations: obs.slice(0, 2), keepHistory: true, inputs: INPUTS });
    const daily = evaluate({
      observations: obs.slice(2),
      history: carry(first),
      keepHistory: true,
      inputs: INPUTS,
    });
    expect(daily.document.groups).toEqual(once.document.groups);
  });

  it('tells which devices are out of scope and which inputs do not count', () => {
    const e = run([
      scan('gone.json', DAY1 - 40 * 86_400_000, 'gone', [KEV]),
      scan('old-a.json', DAY1 - H, 'a', [KEV]),
      scan('a.json', DAY1, 'a', []),
    ]);
    expect(e.document.devices.outOfScopeItems).toEqual([
      { id: 'gone', name: 'gone', lastSeen: null },
    ]);
    expect(e.warnings).toEqual([
      expect.stringMatching(/^1 device out of scope \(not seen in the 30 days before .*\): gone$/),
      expect.stringMatching(
        /^old-a\.json: every device it names has a newer observation of the same day/,
      ),
    ]);
  });

  it('an --as-of earlier than the newest input scores the fleet as it was then', () => {
    const obs = [scan('a-1.json', DAY1, 'a', [KEV]), scan('a-2.json', DAY2, 'a', [])];
    const then = evaluate({ observations: obs, asOf: DAY1 + H, inputs: INPUTS });
    expect(then.document.score).toBe(50);
    expect(then.document.asOf).toBe(new Date(DAY1 + H).toISOString());
    expect(then.document.trend).toHaveLength(1);
  });
});
