import { changeBetween, ScopeView } from './change-attribution.js';
import { deviceExposures } from './device-scorer.js';
import { prepare } from './prepare.js';
import { deviceWeights, levelOf } from './levels.js';
import type { Snapshot } from './snapshot.js';
import type { Change, Trend, TrendPoint } from './trend-types.js';

export interface TrendOptions {
  /** Follow one group's score instead of the organization's. */
  group?: string;
}

/** The in-scope devices of one scope, in id order. */
function scopeDevices(snapshot: Snapshot, group: string | undefined): Int32Array {
  const p = prepare(snapshot);
  return group === undefined
    ? p.devices
    : p.devices.filter((d) => snapshot.devices[d]!.group === group);
}

const scores = new WeakMap<Snapshot, Map<string | undefined, number>>();

/** The score of one snapshot (the organization's, or a group's), without recommendations. */
export function organizationScore(snapshot: Snapshot, options: TrendOptions = {}): number {
  // A daily run asks for each scope's score of a state twice (its point, and the change to it).
  let known = scores.get(snapshot);
  if (!known) scores.set(snapshot, (known = new Map()));
  const hit = known.get(options.group);
  if (hit !== undefined) return hit;
  const set = scopeDevices(snapshot, options.group);
  const weights = deviceWeights(snapshot.devices, set);
  const exposure = deviceExposures(prepare(snapshot));
  // Summed as a scoring pass sums (device id order, w·D), so the score is the assessment's.
  let weighted = 0;
  let total = 0;
  for (const d of set) {
    weighted += weights[d]! * exposure[d]!;
    total += weights[d]!;
  }
  const score = total > 0 ? weighted / total : 0;
  known.set(options.group, score);
  return score;
}

const views = new WeakMap<Snapshot, Map<string | undefined, ScopeView>>();

/** The attribution view of one scope of a snapshot (built once: a trend reads each day twice). */
function viewOf(s: Snapshot, group: string | undefined): ScopeView {
  let known = views.get(s);
  if (!known) views.set(s, (known = new Map()));
  let v = known.get(group);
  if (!v) known.set(group, (v = new ScopeView(s, group)));
  return v;
}

/** The change from one snapshot to the next, split into ordered steps that sum to it exactly. */
export function changeBetweenSnapshots(
  from: Snapshot,
  to: Snapshot,
  options: TrendOptions = {},
): Change {
  return changeBetween(
    viewOf(from, options.group),
    viewOf(to, options.group),
    organizationScore(from, options),
    organizationScore(to, options),
  );
}

/** The score of every snapshot in time order, and every change between consecutive ones, explained. */
export function trend(snapshots: readonly Snapshot[], options: TrendOptions = {}): Trend {
  const sorted = [...snapshots].sort((a, b) => a.time - b.time);
  const scores = sorted.map((s) => organizationScore(s, options));
  const points: TrendPoint[] = sorted.map((s, i) => ({
    asOf: s.takenAt,
    score: scores[i]!,
    display: Math.round(scores[i]!),
    level: levelOf(scores[i]!, true),
  }));
  const changes: Change[] = [];
  let previous = sorted.length > 1 ? viewOf(sorted[0]!, options.group) : undefined;
  for (let i = 1; i < sorted.length; i++) {
    const next = viewOf(sorted[i]!, options.group);
    changes.push(changeBetween(previous!, next, scores[i - 1]!, scores[i]!));
    previous = next;
  }
  return { points, changes };
}
