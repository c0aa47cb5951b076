/**
 * The change between two states, split into ordered steps (devices removed, added, revalued; pairs
 * remediated, newly published, newly detected; alerts; threat data) that sum to it exactly.
 *
 * A daily run re-scans a tenth of the fleet: the other devices have the same pairs, value and
 * threat data on both sides, so no step can move their exposure. They are kept as one sum per
 * device value (their weights still change with the fleet size), and only the devices something
 * happened to are walked pair by pair. Pair maps are built for those devices only.
 */
import { deviceExposures, exposureOfRisks } from './device-scorer.js';
import { prepare } from './prepare.js';
import { valueWeight } from './levels.js';
import { findingRisk, likelihoodOf } from './likelihood.js';
import { SPIKE_POINTS } from './model.js';
import type { Snapshot } from './snapshot.js';
import type { Change, ChangeStep, ChangeStepKind, StepWeakness } from './trend-types.js';
import type { DeviceValue, ExploitMaturity } from './types.js';

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
  /** Open weaknesses of the device, in id order → whether an active alert ties one to it. */
  pairs: Map<string, boolean>;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const weaknessData = new WeakMap<
  Snapshot,
  { params: Map<string, Params>; meta: Map<string, Meta>; index: Map<string, number> }
>();

function weaknessesOf(s: Snapshot) {
  let hit = weaknessData.get(s);
  if (!hit) {
    const params = new Map<string, Params>();
    const meta = new Map<string, Meta>();
    const index = new Map<string, number>();
    for (const w of s.weaknesses) {
      params.set(w.id, { severity: w.severity, kev: w.kev, exploit: w.exploit, epss: w.epss });
      meta.set(w.id, {
        ...(w.title !== undefined && { title: w.title }),
        ...(w.published !== undefined && { published: w.published }),
      });
      index.set(w.id, w.index);
    }
    weaknessData.set(s, (hit = { params, meta, index }));
  }
  return hit;
}

const deviceViews = new WeakMap<Snapshot, Map<number, DeviceView>>();

/** One scope (the organization or a group) of one snapshot, as attribution reads it. */
export class ScopeView {
  /** In-scope device ids of the scope → device index, in id order. */
  readonly devices = new Map<string, number>();
  readonly params: ReadonlyMap<string, Params>;
  readonly meta: ReadonlyMap<string, Meta>;
  readonly weaknessIndex: ReadonlyMap<string, number>;
  /** Device views of the snapshot, shared by its scopes (a group's view reads the same pairs). */
  private readonly views: Map<number, DeviceView>;

  constructor(
    readonly snapshot: Snapshot,
    group: string | undefined,
  ) {
    for (const d of prepare(snapshot).devices) {
      const device = snapshot.devices[d]!;
      if (group === undefined || device.group === group) this.devices.set(device.id, d);
    }
    const w = weaknessesOf(snapshot);
    let shared = deviceViews.get(snapshot);
    if (!shared) deviceViews.set(snapshot, (shared = new Map()));
    this.views = shared;
    this.params = w.params;
    this.meta = w.meta;
    this.weaknessIndex = w.index;
  }

  get takenAt(): string {
    return this.snapshot.takenAt;
  }

  get time(): number {
    return this.snapshot.time;
  }

  value(id: string): DeviceValue {
    return this.snapshot.devices[this.devices.get(id)!]!.value;
  }

  /** A device's pair map, built when first asked for. */
  device(id: string): DeviceView {
    const d = this.devices.get(id)!;
    let v = this.views.get(d);
    if (!v) {
      const s = this.snapshot;
      const p = prepare(s);
      const pairs = new Map<string, boolean>();
      for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
        const n = p.order[i]!;
        const w = s.weaknesses[s.findings.weakness[n]!]!.id;
        pairs.set(w, (pairs.get(w) ?? false) || s.findings.activeAlert[n] === 1);
      }
      v = { value: s.devices[d]!.value, pairs: inIdOrder(pairs) };
      this.views.set(d, v);
    }
    return v;
  }
}

/**
 * Compares devices' pairs across two snapshots by index, not by id. Built once per pair of
 * snapshots: the organization's and each group's attribution ask the same questions of a device.
 */
class PairComparer {
  private readonly toWeakness: Int32Array;
  private readonly stamp: Int32Array;
  private readonly alert: Uint8Array;
  private readonly seenFrom: Int32Array;
  /** Per device of `to`: -1 not asked yet, else whether it is the same / touches (0 or 1). */
  private readonly sameMemo: Int8Array;
  private readonly touchesMemo: Int8Array;
  private visit = 0;

  constructor(
    private readonly from: Snapshot,
    private readonly to: Snapshot,
  ) {
    const index = weaknessesOf(to).index;
    this.toWeakness = Int32Array.from(from.weaknesses, (w) => index.get(w.id) ?? -1);
    this.stamp = new Int32Array(to.weaknesses.length).fill(-1);
    this.alert = new Uint8Array(to.weaknesses.length);
    this.seenFrom = new Int32Array(to.weaknesses.length).fill(-1);
    this.sameMemo = new Int8Array(to.devices.length).fill(-1);
    this.touchesMemo = new Int8Array(to.devices.length).fill(-1);
  }

  /** Whether device `dFrom` of `from` and `dTo` of `to` have the same open pairs and alerts. */
  same(dFrom: number, dTo: number): boolean {
    if (this.sameMemo[dTo] === -1) this.sameMemo[dTo] = this.compare(dFrom, dTo) ? 1 : 0;
    return this.sameMemo[dTo] === 1;
  }

  private compare(dFrom: number, dTo: number): boolean {
    const visit = this.visit++;
    const pt = prepare(this.to);
    const pf = prepare(this.from);
    const { stamp, alert, seenFrom } = this;
    let pairs = 0;
    for (let i = pt.start[dTo]!; i < pt.start[dTo + 1]!; i++) {
      const n = pt.order[i]!;
      const w = this.to.findings.weakness[n]!;
      if (stamp[w] !== visit) {
        stamp[w] = visit;
        alert[w] = 0;
        pairs++;
      }
      if (this.to.findings.activeAlert[n] === 1) alert[w] = 1;
    }
    // Each pair of `from` must be one of `to`, and each pair's alert (an alert on any of its
    // findings) the same: bit 1 of alert[w] is `to`'s, bit 4 `from`'s.
    for (let i = pf.start[dFrom]!; i < pf.start[dFrom + 1]!; i++) {
      const n = pf.order[i]!;
      const w = this.toWeakness[this.from.findings.weakness[n]!]!;
      if (w < 0 || stamp[w] !== visit) return false;
      if (seenFrom[w] !== visit) {
        seenFrom[w] = visit;
        pairs--;
      }
      if (this.from.findings.activeAlert[n] === 1) alert[w] = alert[w]! | 4;
    }
    if (pairs !== 0) return false;
    for (let i = pt.start[dTo]!; i < pt.start[dTo + 1]!; i++) {
      const a = alert[this.to.findings.weakness[pt.order[i]!]!]!;
      if ((a & 1) !== (a & 4) >> 2) return false;
    }
    return true;
  }

  /** Whether device `dTo` of `to` has an open pair of one of these weaknesses (by `to` index). */
  touches(dTo: number, weaknesses: Uint8Array): boolean {
    if (this.touchesMemo[dTo] === -1) {
      const pt = prepare(this.to);
      let hit = 0;
      for (let i = pt.start[dTo]!; i < pt.start[dTo + 1]! && hit === 0; i++)
        if (weaknesses[this.to.findings.weakness[pt.order[i]!]!] === 1) hit = 1;
      this.touchesMemo[dTo] = hit;
    }
    return this.touchesMemo[dTo] === 1;
  }
}

const comparers = new WeakMap<Snapshot, WeakMap<Snapshot, PairComparer>>();

function comparerOf(from: Snapshot, to: Snapshot): PairComparer {
  let byTo = comparers.get(from);
  if (!byTo) comparers.set(from, (byTo = new WeakMap()));
  let c = byTo.get(to);
  if (!c) byTo.set(to, (c = new PairComparer(from, to)));
  return c;
}

const VALUES: readonly DeviceValue[] = ['low', 'normal', 'high'];

/** The state that walks from one snapshot to the next, one kind of change at a time. */
class State {
  /** The devices being walked (something happens to them), by id. */
  readonly devices = new Map<string, DeviceView>();
  readonly params: Map<string, Params>;
  /** Σ D and the count of the devices nothing happens to, per device value. */
  private readonly restSum = new Map<DeviceValue, number>();
  private readonly restCount = new Map<DeviceValue, number>();
  private rest = 0;

  constructor(from: ScopeView, to: ScopeView) {
    this.params = new Map(from.params);
    // Weaknesses unknown before enter with their new data: only known ones change by threat steps.
    for (const [id, p] of to.params) if (!this.params.has(id)) this.params.set(id, p);
  }

  /** Adds a device that no step touches, by its exposure D. */
  addStatic(value: DeviceValue, exposure: number): void {
    this.restSum.set(value, (this.restSum.get(value) ?? 0) + exposure);
    this.restCount.set(value, (this.restCount.get(value) ?? 0) + 1);
    this.rest++;
  }

  get size(): number {
    return this.devices.size + this.rest;
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

  weight(device: string): number {
    const d = this.devices.get(device);
    return d ? valueWeight(d.value, this.size) : 0;
  }

  private readonly exposure = new Map<string, number>();
  private order: string[] | null = null;

  /** Forget what is known of these devices' exposure (their pairs or threat data changed). */
  invalidate(devices: Iterable<string>): void {
    for (const id of devices) this.exposure.delete(id);
    this.order = null;
  }

  /** Σ w over every device of the scope. */
  totalWeight(): number {
    let total = 0;
    for (const v of VALUES) total += valueWeight(v, this.size) * (this.restCount.get(v) ?? 0);
    for (const id of this.devices.keys()) total += this.weight(id);
    return total;
  }

  score(): number {
    let weighted = 0;
    let total = 0;
    for (const v of VALUES) {
      const w = valueWeight(v, this.size);
      weighted += w * (this.restSum.get(v) ?? 0);
      total += w * (this.restCount.get(v) ?? 0);
    }
    this.order ??= [...this.devices.keys()].sort(byId);
    for (const id of this.order) {
      const w = this.weight(id);
      let d = this.exposure.get(id);
      if (d === undefined) {
        d = exposureOf(this.risks(id));
        this.exposure.set(id, d);
      }
      weighted += w * d;
      total += w;
    }
    return total > 0 ? weighted / total : 0;
  }
}

/** A device's pairs in weakness-id order, so that sums over them do not depend on input order. */
function inIdOrder(pairs: Iterable<readonly [string, boolean]>): Map<string, boolean> {
  return new Map([...pairs].sort(([a], [b]) => byId(a, b)));
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
  const totalWeight = state.totalWeight();
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

const THREAT_FIELDS = ['kev', 'exploit', 'epss', 'severity'] as const;

/** The change from one scope view to the next; `fromScore`/`toScore` are their scores. */
export function changeBetween(
  from: ScopeView,
  to: ScopeView,
  fromScore: number,
  toScore: number,
): Change {
  const state = new State(from, to);
  const steps: ChangeStep[] = [];
  const push = (s: ChangeStep | null) => s && steps.push(s);
  const kept = [...to.devices.keys()].filter((id) => from.devices.has(id));
  const removed = new Set([...from.devices.keys()].filter((id) => !to.devices.has(id)));
  const added = new Set([...to.devices.keys()].filter((id) => !from.devices.has(id)));

  // Weaknesses whose threat data or severity differ: the devices holding them are walked.
  const changedThreat = new Uint8Array(to.snapshot.weaknesses.length);
  let anyThreat = false;
  for (const [id, p] of to.params) {
    const was = from.params.get(id);
    if (was && THREAT_FIELDS.some((f) => was[f] !== p[f])) {
      changedThreat[to.weaknessIndex.get(id)!] = 1;
      anyThreat = true;
    }
  }
  const compare = comparerOf(from.snapshot, to.snapshot);
  const revalued = new Set(kept.filter((id) => from.value(id) !== to.value(id)));
  // Kept devices whose pairs differ: the only ones a pair step can touch.
  const differ = kept.filter((id) => !compare.same(from.devices.get(id)!, to.devices.get(id)!));
  const walked = new Set([...removed, ...revalued, ...differ]);
  if (anyThreat)
    for (const id of kept)
      if (!walked.has(id) && compare.touches(to.devices.get(id)!, changedThreat)) walked.add(id);
  const exposure = deviceExposures(prepare(to.snapshot));
  for (const id of [...from.devices.keys()].sort(byId)) {
    if (walked.has(id)) state.devices.set(id, from.device(id));
    else if (!removed.has(id)) state.addStatic(to.value(id), exposure[to.devices.get(id)!]!);
  }

  push(
    measure(state, 'devices-removed', removed, () =>
      removed.forEach((id) => state.devices.delete(id)),
    ),
  );
  push(
    measure(state, 'devices-added', added, () =>
      added.forEach((id) => state.devices.set(id, to.device(id))),
    ),
  );
  push(
    measure(state, 'devices-changed', revalued, () =>
      revalued.forEach((id) =>
        state.devices.set(id, { ...state.devices.get(id)!, value: to.value(id) }),
      ),
    ),
  );

  const editPairs = (
    kind: ChangeStepKind,
    pick: (
      pairs: Map<string, boolean>,
      target: Map<string, boolean>,
    ) => Map<string, boolean> | null,
  ) => {
    const edits = new Map<string, Map<string, boolean>>();
    for (const id of differ) {
      const next = pick(state.devices.get(id)!.pairs, to.device(id).pairs);
      if (next) edits.set(id, next);
    }
    push(
      measure(state, kind, new Set(edits.keys()), () => {
        for (const [id, pairs] of edits)
          state.devices.set(id, { ...state.devices.get(id)!, pairs });
      }),
    );
  };
  editPairs('remediated', (pairs, target) => {
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
    editPairs(kind, (pairs, target) => {
      const fresh = [...target.keys()].filter(
        (w) => !pairs.has(w) && publishedSince(w) === newlyPublished,
      );
      return fresh.length
        ? inIdOrder([...pairs, ...fresh.map((w) => [w, target.get(w)!] as const)])
        : null;
    });
  }
  editPairs('alerts', (pairs, target) => {
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
