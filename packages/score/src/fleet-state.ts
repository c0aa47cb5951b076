/**
 * The fleet state as of a time T (docs/fleet-state.md):
 *
 * - the latest full observation at or before T gives the device list;
 * - every device of a partial observation at or before T, and not older than that full one, is added;
 * - each device's findings, status and lastSeen come from its own latest observation at or before T
 *   (observations of one device at the very same time are one observation: they merge);
 * - a device whose latest observation (or lastSeen) is more than SCOPE_DAYS before T is out of scope.
 *
 * The state is an ordinary Snapshot, so the model scores it exactly as it scores any other.
 */
import { MS_PER_DAY, SCOPE_DAYS } from './model.js';
import type { Observation } from './observation.js';
import type { Device, Snapshot, Weakness } from './snapshot.js';
import { SnapshotBuilder } from './snapshot-builder.js';
import type { WeaknessInput } from './types.js';

export interface FleetState {
  /** The state as a snapshot taken at T. */
  snapshot: Snapshot;
  /** When each device of the state was observed (the observation its findings came from). */
  observedAt: ReadonlyMap<string, number>;
  /** The observations that gave at least one device, or weakness data, to the state. */
  used: ReadonlySet<Observation>;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first; at the same time full before partial, then by source: a fixed, input-free order. */
function newestFirst(a: Observation, b: Observation): number {
  return (
    b.time - a.time ||
    (a.coverage === b.coverage ? 0 : a.coverage === 'full' ? -1 : 1) ||
    byId(a.source, b.source) ||
    byId(a.format, b.format)
  );
}

function timeOf(o: Observation, device: string): number {
  return o.deviceTimes?.get(device) ?? o.time;
}

/** Whether a device is in scope at T: seen (or, failing a lastSeen, observed) within SCOPE_DAYS. */
export function inScopeAt(device: Pick<Device, 'lastSeen'>, observed: number, t: number): boolean {
  const limit = SCOPE_DAYS * MS_PER_DAY;
  if (t - observed > limit) return false;
  const seen = device.lastSeen === undefined ? NaN : Date.parse(device.lastSeen);
  return Number.isNaN(seen) || t - seen <= limit;
}

const csrCache = new WeakMap<Snapshot, { start: Uint32Array; order: Uint32Array }>();

/** Finding indexes per device index, in input order. */
function findingsByDevice(s: Snapshot): { start: Uint32Array; order: Uint32Array } {
  const hit = csrCache.get(s);
  if (hit) return hit;
  const f = s.findings;
  const start = new Uint32Array(s.devices.length + 1);
  for (let n = 0; n < f.count; n++) start[f.device[n]! + 1]!++;
  for (let d = 0; d < s.devices.length; d++) start[d + 1]! += start[d]!;
  const fill = start.slice(0, s.devices.length);
  const order = new Uint32Array(f.count);
  for (let n = 0; n < f.count; n++) order[fill[f.device[n]!]!++] = n;
  const csr = { start, order };
  csrCache.set(s, csr);
  return csr;
}

/** A scored weakness back as the input that makes it (its S and L are derived again on build). */
export function weaknessInput(w: Weakness): WeaknessInput {
  return {
    id: w.id,
    kind: w.kind,
    ...(w.title !== undefined && { title: w.title }),
    ...(w.description !== undefined && { description: w.description }),
    ...(w.label !== undefined && { severity: w.label }),
    ...(w.cvss.length > 0 && { cvss: w.cvss.map((c) => ({ ...c })) }),
    ...(w.published !== undefined && { published: w.published }),
    kev: w.kev,
    exploit: w.exploit,
    ...(w.epss !== undefined && { epss: w.epss }),
    ...(w.references.length > 0 && { references: [...w.references] }),
  };
}

/** The same snapshot seen at T: its devices' scope decided again; findings shared, not copied. */
function rescoped(s: Snapshot, t: number, observed: (id: string) => number): Snapshot {
  const devices = s.devices.map((d) => {
    const inScope = inScopeAt(d, observed(d.id), t);
    return inScope === d.inScope ? d : { ...d, inScope };
  });
  if (t === s.time && devices.every((d, i) => d === s.devices[i])) return s;
  return { ...s, takenAt: new Date(t).toISOString(), time: t, devices };
}

/**
 * The fleet state as of `asOf` (epoch ms), or null when no observation is that old. Input order
 * never matters: observations are ranked by time, coverage and source.
 */
export function fleetState(observations: readonly Observation[], asOf: number): FleetState | null {
  const eligible = observations.filter((o) => o.time <= asOf).sort(newestFirst);
  if (eligible.length === 0) return null;
  // A full observation that names no device is a catalogue (weaknesses, recommendation titles):
  // it does not define the device list.
  const fullTime = eligible.find(
    (o) => o.coverage === 'full' && o.snapshot.devices.length > 0,
  )?.time;

  // Each device's own latest observation time, over the observations that may still name it; at
  // equal times an observation that yields (the carried state) loses to one that does not.
  const latest = new Map<string, { t: number; yields: boolean }>();
  for (const o of eligible) {
    const yields = o.yields === true;
    for (const d of o.snapshot.devices) {
      const t = timeOf(o, d.id);
      if (t > asOf) continue;
      const listed =
        o.coverage === 'full' ? t === fullTime : fullTime === undefined || t >= fullTime;
      if (!listed) continue;
      const known = latest.get(d.id);
      if (known === undefined || t > known.t || (t === known.t && known.yields && !yields))
        latest.set(d.id, { t, yields });
    }
  }

  const used = new Set<Observation>();
  const contributions: Array<{ o: Observation; d: number }> = [];
  for (const o of eligible) {
    let any = false;
    const yields = o.yields === true;
    for (const d of o.snapshot.devices) {
      const chosen = latest.get(d.id);
      if (chosen !== undefined && chosen.t === timeOf(o, d.id) && chosen.yields === yields) {
        contributions.push({ o, d: d.index });
        any = true;
      }
    }
    if (any || o.snapshot.devices.length === 0) used.add(o);
  }
  const observedAt = new Map(
    [...latest].sort(([a], [b]) => byId(a, b)).map(([id, { t }]) => [id, t] as const),
  );

  if (used.size === 1) {
    const [only] = used;
    if (only!.snapshot.devices.length === latest.size) {
      const snapshot = rescoped(only!.snapshot, asOf, (id) => observedAt.get(id)!);
      return { snapshot, observedAt, used };
    }
  }
  return { snapshot: assemble(eligible, used, contributions, asOf, observedAt), observedAt, used };
}

function assemble(
  eligible: readonly Observation[],
  used: ReadonlySet<Observation>,
  contributions: ReadonlyArray<{ o: Observation; d: number }>,
  asOf: number,
  observedAt: ReadonlyMap<string, number>,
): Snapshot {
  const builder = new SnapshotBuilder({ takenAt: new Date(asOf).toISOString() });
  const inUse = eligible.filter((o) => used.has(o));
  builder.organization = inUse.find((o) => o.snapshot.organization)?.snapshot.organization;
  // Weakness data from the observations in use, newest first (the first value of a field wins,
  // the strongest threat evidence wins), added in id order so that the state's weakness order,
  // and so its sums, do not depend on which file came first.
  const weaknesses = new Map<string, WeaknessInput[]>();
  for (const o of inUse)
    for (const w of o.snapshot.weaknesses) {
      const list = weaknesses.get(w.id);
      if (list) list.push(weaknessInput(w));
      else weaknesses.set(w.id, [weaknessInput(w)]);
    }
  for (const id of [...weaknesses.keys()].sort(byId))
    for (const w of weaknesses.get(id)!) builder.addWeakness(w);
  for (const o of inUse)
    for (const r of o.snapshot.importedRecommendations) builder.addRecommendation(r);

  const byDevice = new Map<string, Array<{ o: Observation; d: number }>>();
  for (const c of contributions) {
    const id = c.o.snapshot.devices[c.d]!.id;
    const list = byDevice.get(id);
    if (list) list.push(c);
    else byDevice.set(id, [c]);
  }
  for (const id of observedAt.keys()) {
    const sources = byDevice.get(id)!;
    for (const { o, d } of sources) {
      const { index: _index, inScope: _inScope, ...device } = o.snapshot.devices[d]!;
      builder.addDevice(device);
    }
    for (const { o, d } of sources) copyFindings(builder, o.snapshot, d);
  }
  const snapshot = builder.build();
  return rescoped(snapshot, asOf, (id) => observedAt.get(id)!);
}

function copyFindings(builder: SnapshotBuilder, s: Snapshot, d: number): void {
  const { start, order } = findingsByDevice(s);
  builder.addFindingsFrom(s, { order, from: start[d]!, to: start[d + 1]! });
}
