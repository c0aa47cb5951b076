/**
 * First-seen days of (device, weakness) pairs under number keys. A fleet has 10^5–10^6 open
 * pairs; keyed by joined id strings, building, merging and writing these maps was the largest part
 * of a daily run's cost beyond reading its scans. Ids are interned once per evaluation, so a pair
 * is `device × span + weakness`. Given every weakness up front, the span is their count, and keys
 * stay small integers (V8 keeps those unboxed: boxed keys made 5M-finding maps 6–11× slower).
 */
import type { FirstSeenRecord } from './history.js';
import { STATUS_CODES, type Snapshot } from './snapshot.js';

const DEFAULT_SPAN = 2 ** 22;
const OPEN = STATUS_CODES.indexOf('open');

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class PairDays {
  private readonly deviceIndex = new Map<string, number>();
  private readonly deviceIds: string[] = [];
  private readonly weaknessIndex = new Map<string, number>();
  private readonly weaknessIds: string[] = [];
  private readonly openCache = new WeakMap<Snapshot, Set<number>>();
  private readonly span: number;

  /** `weaknessIds`: every weakness the evaluation can meet (then no other may come). */
  constructor(weaknessIds?: Iterable<string>) {
    if (weaknessIds)
      for (const id of weaknessIds) this.intern(this.weaknessIndex, this.weaknessIds, id);
    this.span = weaknessIds ? Math.max(1, this.weaknessIds.length) : DEFAULT_SPAN;
  }

  private intern(index: Map<string, number>, ids: string[], id: string): number {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  }

  private key(device: number, weakness: number): number {
    return device * this.span + weakness;
  }

  /** The key of a pair, or undefined when neither side was ever met (no day is known for it). */
  keyOf(deviceId: string, weaknessId: string): number | undefined {
    const d = this.deviceIndex.get(deviceId);
    const w = this.weaknessIndex.get(weaknessId);
    return d === undefined || w === undefined ? undefined : this.key(d, w);
  }

  /** Key lookup by a snapshot's own device and weakness indexes (ids looked up once each). */
  keysOf(s: Snapshot): (device: number, weakness: number) => number | undefined {
    const devices = s.devices.map((d) => this.deviceIndex.get(d.id));
    const weaknesses = s.weaknesses.map((w) => this.weaknessIndex.get(w.id));
    return (d, w) => {
      const di = devices[d];
      const wi = weaknesses[w];
      return di === undefined || wi === undefined ? undefined : this.key(di, wi);
    };
  }

  /** Keys of the pairs with an open finding in a snapshot (computed once per snapshot). */
  openPairs(s: Snapshot): Set<number> {
    const hit = this.openCache.get(s);
    if (hit) return hit;
    const devices = s.devices.map((d) => this.intern(this.deviceIndex, this.deviceIds, d.id));
    const weaknesses = s.weaknesses.map((w) =>
      this.intern(this.weaknessIndex, this.weaknessIds, w.id),
    );
    if (this.weaknessIds.length > this.span)
      throw new RangeError(`a weakness beyond the ${this.span} announced`);
    const out = new Set<number>();
    const f = s.findings;
    for (let n = 0; n < f.count; n++)
      if (f.status[n] === OPEN)
        out.add(this.key(devices[f.device[n]!]!, weaknesses[f.weakness[n]!]!));
    this.openCache.set(s, out);
    return out;
  }

  fromRecord(r: FirstSeenRecord): Map<number, string> {
    const devices = r.devices.map((id) => this.intern(this.deviceIndex, this.deviceIds, id));
    const weaknesses = r.weaknesses.map((id) =>
      this.intern(this.weaknessIndex, this.weaknessIds, id),
    );
    if (this.weaknessIds.length > this.span)
      throw new RangeError(`a weakness beyond the ${this.span} announced`);
    const out = new Map<number, string>();
    for (let i = 0; i < r.device.length; i++)
      out.set(this.key(devices[r.device[i]!]!, weaknesses[r.weakness[i]!]!), r.days[r.day[i]!]!);
    return out;
  }

  /**
   * The record of a map, pairs in (device id, weakness id) order and each table in order of first
   * use, so the same pairs give the same bytes whatever order the inputs came in.
   */
  toRecord(map: ReadonlyMap<number, string>): FirstSeenRecord {
    const rank = (ids: readonly string[]): Float64Array => {
      const order = ids.map((_, i) => i).sort((a, b) => byCodeUnit(ids[a]!, ids[b]!));
      const out = new Float64Array(ids.length);
      order.forEach((i, r) => (out[i] = r));
      return out;
    };
    const dRank = rank(this.deviceIds);
    const wRank = rank(this.weaknessIds);
    // Counting sort by device rank, then each device's few pairs by weakness rank: linear where
    // a comparison sort of every pair was the slowest step of writing the history.
    const pairs = [...map.keys()];
    const deviceOf = (k: number) => dRank[Math.floor(k / this.span)]!;
    const weaknessOf = (k: number) => wRank[k % this.span]!;
    const start = new Uint32Array(this.deviceIds.length + 1);
    for (const k of pairs) start[deviceOf(k) + 1]!++;
    for (let i = 0; i < this.deviceIds.length; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, -1);
    const sorted = new Float64Array(pairs.length);
    for (const k of pairs) sorted[fill[deviceOf(k)]!++] = k;
    for (let i = 0; i < this.deviceIds.length; i++)
      if (start[i + 1]! - start[i]! > 1)
        sorted.subarray(start[i]!, start[i + 1]!).sort((a, b) => weaknessOf(a) - weaknessOf(b));
    const r: FirstSeenRecord = {
      devices: [],
      weaknesses: [],
      days: [],
      device: [],
      weakness: [],
      day: [],
    };
    const tables = [
      new Map<number, number>(),
      new Map<number, number>(),
      new Map<string, number>(),
    ] as const;
    const index = <K>(m: Map<K, number>, k: K, list: unknown[], value: unknown): number => {
      let i = m.get(k);
      if (i === undefined) {
        m.set(k, (i = m.size));
        list.push(value);
      }
      return i;
    };
    for (const k of sorted) {
      const d = Math.floor(k / this.span);
      const w = k % this.span;
      const day = map.get(k)!;
      r.device.push(index(tables[0], d, r.devices, this.deviceIds[d]));
      r.weakness.push(index(tables[1], w, r.weaknesses, this.weaknessIds[w]));
      r.day.push(index(tables[2], day, r.days, day));
    }
    return r;
  }
}
