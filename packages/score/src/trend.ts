import { exposureOfRisks, prepare, scorePass } from './engine.js';
import { deviceWeights, levelOf, valueWeight } from './levels.js';
import { findingRisk, likelihoodOf } from './likelihood.js';
import { SPIKE_POINTS } from './model.js';
import type { Snapshot } from './snapshot.js';
import type {
  Change,
  ChangeStep,
  ChangeStepKind,
  StepWeakness,
  Trend,
  TrendPoint,
} from './trend-types.js';
import type { DeviceValue, ExploitMaturity } from './types.js';

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
  const p = prepare(snapshot);
  const set = scopeDevices(snapshot, options.group);
  const score = scorePass(p, deviceWeights(snapshot.devices, set), set, null, false).score;
  known.set(options.group, score);
  return score;
}

interface Params {
  severity: number;
  kev: boolean;
  exploit: ExploitMaturity;
  epss: number | undefined;
}
interface Meta {
  title?: string;
  published?: string;
}
interface DeviceView {
  value: DeviceValue;
  /** Open weaknesses of the device → whether an active alert ties one of them to it. */
  pairs: Map<string, boolean>;
}
interface View {
  takenAt: string;
  time: number;
  devices: Map<string, DeviceView>;
  params: Map<string, Params>;
  meta: Map<string, Meta>;
}

const fullViews = new WeakMap<Snapshot, View>();

/**
 * The pair-level view of a snapshot that change attribution walks. The organization's view is
 * built once per snapshot; a group's is a part of it (a daily run attributes every group's change).
 * Views are never changed once built.
 */
function viewOf(s: Snapshot, group: string | undefined): View {
  let full = fullViews.get(s);
  if (!full) fullViews.set(s, (full = buildView(s)));
  if (group === undefined) return full;
  const devices = new Map<string, DeviceView>();
  for (const d of scopeDevices(s, group)) {
    const id = s.devices[d]!.id;
    devices.set(id, full.devices.get(id)!);
  }
  return { ...full, devices };
}

function buildView(s: Snapshot): View {
  const p = prepare(s);
  const f = s.findings;
  const devices = new Map<string, DeviceView>();
  for (const d of scopeDevices(s, undefined)) {
    const pairs = new Map<string, boolean>();
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const id = s.weaknesses[f.weakness[n]!]!.id;
      pairs.set(id, (pairs.get(id) ?? false) || f.activeAlert[n] === 1);
    }
    devices.set(s.devices[d]!.id, { value: s.devices[d]!.value, pairs: inIdOrder(pairs) });
  }
  const params = new Map<string, Params>();
  const meta = new Map<string, Meta>();
  for (const w of s.weaknesses) {
    params.set(w.id, { severity: w.severity, kev: w.kev, exploit: w.exploit, epss: w.epss });
    meta.set(w.id, {
      ...(w.title !== undefined && { title: w.title }),
      ...(w.published !== undefined && { published: w.published }),
    });
  }
  return { takenAt: s.takenAt, time: s.time, devices, params, meta };
}

/** The state that walks from one snapshot to the next, one kind of change at a time. */
class State {
  readonly devices: Map<string, DeviceView>;
  readonly params: Map<string, Params>;

  constructor(from: View, to: View) {
    this.devices = new Map(from.devices);
    this.params = new Map(from.params);
    // Weaknesses unknown before enter with their new data: only known ones change by threat steps.
    for (const [id, p] of to.params) if (!this.params.has(id)) this.params.set(id, p);
  }

  risk(weakness: string, alert: boolean): number {
    const p = this.params.get(weakness)!;
    return findingRisk(p.severity, likelihoodOf(p), alert);
  }

  risks(device: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [w, alert] of this.devices.get(device)?.pairs ?? []) out.set(w, this.risk(w, alert));
    return out;
  }

  /** exposureOf(risks(device)), without building the map. */
  deviceExposure(device: string): number {
    const pairs = this.devices.get(device)?.pairs ?? new Map<string, boolean>();
    return exposureOfRisks(mapValues(pairs, (w, alert) => this.risk(w, alert)));
  }

  weight(device: string): number {
    const d = this.devices.get(device);
    return d ? valueWeight(d.value, this.devices.size) : 0;
  }

  private readonly exposure = new Map<string, number>();
  private order: string[] | null = null;

  /** Forget what is known of these devices' exposure (their pairs or threat data changed). */
  invalidate(devices: Iterable<string>): void {
    for (const id of devices) this.exposure.delete(id);
    this.order = null;
  }

  score(): number {
    let weighted = 0;
    let total = 0;
    this.order ??= [...this.devices.keys()].sort();
    for (const id of this.order) {
      const w = this.weight(id);
      let d = this.exposure.get(id);
      if (d === undefined) {
        d = this.deviceExposure(id);
        this.exposure.set(id, d);
      }
      weighted += w * d;
      total += w;
    }
    return total > 0 ? weighted / total : 0;
  }
}

function samePairs(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [w, alert] of a) if (b.get(w) !== alert) return false;
  return true;
}

/** A device's pairs in weakness-id order, so that sums over them do not depend on input order. */
function inIdOrder(pairs: Iterable<readonly [string, boolean]>): Map<string, boolean> {
  return new Map([...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function* mapValues<K, V, R>(map: Map<K, V>, f: (k: K, v: V) => R): Generator<R> {
  for (const [k, v] of map) yield f(k, v);
}

/** D from a device's risks, summed in the order of its pairs (kept in id order: inIdOrder). */
function exposureOf(risks: Map<string, number>): number {
  return exposureOfRisks(risks.values());
}

const CAP = 1 - 1e-9;
const lg = (r: number): number => Math.log1p(-Math.min(r, CAP));

/**
 * Applies one kind of change to the touched devices and measures it: the step's delta is the exact
 * difference of the organization score; each weakness's share splits every touched device's
 * weighted change in proportion to how much its pair moved (|Δ log(1 − r)|).
 */
function measure(
  state: State,
  kind: ChangeStepKind,
  touched: Set<string>,
  apply: () => void,
): ChangeStep | null {
  if (touched.size === 0) return null;
  const before = state.score();
  const old = new Map(
    [...touched].map((id) => [id, { risks: state.risks(id), weight: state.weight(id) }]),
  );
  apply();
  state.invalidate(touched);
  const after = state.score();
  let totalWeight = 0;
  for (const id of state.devices.keys()) totalWeight += state.weight(id);
  const shares = new Map<string, { delta: number; devices: number }>();
  for (const id of touched) {
    const was = old.get(id)!;
    const now = state.risks(id);
    const dNow = exposureOf(now);
    const deviceDelta =
      totalWeight > 0
        ? (state.weight(id) * dNow - was.weight * exposureOf(was.risks)) / totalWeight
        : 0;
    const moved = new Map<string, number>();
    for (const w of new Set([...was.risks.keys(), ...now.keys()])) {
      const m = Math.abs(lg(now.get(w) ?? 0) - lg(was.risks.get(w) ?? 0));
      if (m > 0) moved.set(w, m);
    }
    // A pure weight change moves no pair: share it by each pair's part of the device's exposure.
    if (moved.size === 0) for (const [w, r] of now) if (r > 0) moved.set(w, -lg(r));
    const sum = [...moved.values()].reduce((a, b) => a + b, 0);
    for (const [w, m] of moved) {
      const e = shares.get(w) ?? { delta: 0, devices: 0 };
      e.delta += sum > 0 ? (deviceDelta * m) / sum : 0;
      e.devices++;
      shares.set(w, e);
    }
  }
  const weaknesses: StepWeakness[] = [...shares]
    .map(([id, e]) => ({
      id,
      kev: state.params.get(id)?.kev ?? false,
      delta: e.delta,
      devices: e.devices,
    }))
    .sort(
      (a, b) =>
        Math.abs(b.delta) - Math.abs(a.delta) || b.devices - a.devices || (a.id < b.id ? -1 : 1),
    )
    .slice(0, 5);
  return { kind, delta: after - before, devices: touched.size, weaknesses };
}

function changeBetween(from: View, to: View, fromScore: number, toScore: number): Change {
  const state = new State(from, to);
  const steps: ChangeStep[] = [];
  const push = (s: ChangeStep | null) => s && steps.push(s);
  const kept = [...to.devices.keys()].filter((id) => from.devices.has(id));

  const removed = new Set([...from.devices.keys()].filter((id) => !to.devices.has(id)));
  push(
    measure(state, 'devices-removed', removed, () =>
      removed.forEach((id) => state.devices.delete(id)),
    ),
  );
  const added = new Set([...to.devices.keys()].filter((id) => !from.devices.has(id)));
  push(
    measure(state, 'devices-added', added, () =>
      added.forEach((id) => state.devices.set(id, to.devices.get(id)!)),
    ),
  );
  const revalued = new Set(
    kept.filter((id) => from.devices.get(id)!.value !== to.devices.get(id)!.value),
  );
  push(
    measure(state, 'devices-changed', revalued, () =>
      revalued.forEach((id) =>
        state.devices.set(id, { ...state.devices.get(id)!, value: to.devices.get(id)!.value }),
      ),
    ),
  );

  // Most devices of a daily run were not scanned again: their pairs are the same on both sides,
  // and no pair step can touch them.
  const differ = kept.filter(
    (id) => !samePairs(from.devices.get(id)!.pairs, to.devices.get(id)!.pairs),
  );
  const editPairs = (
    kind: ChangeStepKind,
    pick: (
      device: string,
      pairs: Map<string, boolean>,
      target: Map<string, boolean>,
    ) => Map<string, boolean> | null,
  ) => {
    const edits = new Map<string, Map<string, boolean>>();
    for (const id of differ) {
      const next = pick(id, state.devices.get(id)!.pairs, to.devices.get(id)!.pairs);
      if (next) edits.set(id, next);
    }
    push(
      measure(state, kind, new Set(edits.keys()), () => {
        for (const [id, pairs] of edits)
          state.devices.set(id, { ...state.devices.get(id)!, pairs });
      }),
    );
  };
  editPairs('remediated', (_, pairs, target) => {
    const gone = [...pairs.keys()].filter((w) => !target.has(w));
    return gone.length ? new Map([...pairs].filter(([w]) => target.has(w))) : null;
  });
  const publishedSince = (w: string) => {
    const published = to.meta.get(w)?.published;
    return published !== undefined && Date.parse(published) > from.time;
  };
  for (const [kind, newlyPublished] of [
    ['new-published', true],
    ['new-detected', false],
  ] as const) {
    editPairs(kind, (_, pairs, target) => {
      const fresh = [...target.keys()].filter(
        (w) => !pairs.has(w) && publishedSince(w) === newlyPublished,
      );
      return fresh.length
        ? inIdOrder([...pairs, ...fresh.map((w) => [w, target.get(w)!] as const)])
        : null;
    });
  }
  editPairs('alerts', (_, pairs, target) => {
    const flipped = [...pairs].some(([w, alert]) => target.get(w) !== alert);
    return flipped ? new Map([...pairs].map(([w]) => [w, target.get(w)!])) : null;
  });

  const threat = (kind: ChangeStepKind, field: keyof Params) => {
    const changed = [...to.params]
      .filter(([id, p]) => state.params.get(id)![field] !== p[field])
      .map(([id]) => id);
    const set = new Set(changed);
    const touched =
      set.size === 0
        ? new Set<string>()
        : new Set(
            [...state.devices]
              .filter(([, d]) => [...d.pairs.keys()].some((w) => set.has(w)))
              .map(([id]) => id),
          );
    const stepResult = measure(state, kind, touched, () => {
      for (const id of changed)
        state.params.set(id, { ...state.params.get(id)!, [field]: to.params.get(id)![field] });
    });
    // Threat data of weaknesses no device has any more still changes, silently.
    if (!stepResult)
      for (const id of changed)
        state.params.set(id, { ...state.params.get(id)!, [field]: to.params.get(id)![field] });
    push(stepResult);
  };
  threat('kev', 'kev');
  threat('exploit', 'exploit');
  threat('epss', 'epss');
  threat('severity', 'severity');

  // The walk ends on the later snapshot; float rounding between two routes to the same number is
  // given to the last step so that the steps add up to the change exactly.
  const delta = toScore - fromScore;
  const drift = delta - steps.reduce((a, s) => a + s.delta, 0);
  if (steps.length > 0) steps[steps.length - 1]!.delta += drift;
  for (const s of steps)
    for (const w of s.weaknesses) {
      const title = to.meta.get(w.id)?.title ?? from.meta.get(w.id)?.title;
      if (title !== undefined) w.title = title;
    }
  return {
    from: from.takenAt,
    to: to.takenAt,
    delta,
    spike: Math.abs(Math.round(toScore * 100) - Math.round(fromScore * 100)) >= SPIKE_POINTS * 100,
    steps: steps.filter((s) => s.delta !== 0 || s.weaknesses.length > 0),
  };
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
