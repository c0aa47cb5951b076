/**
 * First-seen days of (device, weakness) pairs under number keys. A fleet has 10^5–10^6 open
 * pairs; keyed by joined id strings, building, merging and writing these maps was the largest part
 * of a daily run's cost beyond reading its scans. Ids are interned once per evaluation, so a pair
 * is `device × span + weakness`. Given every weakness up front, the span is their count, and keys
 * stay small integers (V8 keeps those unboxed: boxed keys made 5M-finding maps 6–11× slower).
 * Sets and maps of pairs are sorted typed arrays, not Map/Set: a daily run over 20,000 devices
 * walks 400,000 pairs several times, and merging sorted arrays is linear with no allocation per
 * pair, where building the maps was a second of every run.
 */
import type { FirstSeenRecord } from './history.js';
import { STATUS_CODES, type Snapshot } from './snapshot.js';

const DEFAULT_SPAN = 2 ** 22;
const OPEN = STATUS_CODES.indexOf('open');

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pairs in ascending key order, each with a day (an index into its PairDays' day table). */
export interface PairDayList {
  readonly keys: Float64Array;
  readonly days: Uint32Array;
}

const EMPTY_KEYS = new Float64Array(0);
export const NO_PAIRS: PairDayList = { keys: EMPTY_KEYS, days: new Uint32Array(0) };

/** The position of `key` in a sorted array, or -1. */
export function indexOfKey(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sorted, without repeats (in place; returns the used part). */
function sortedUnique(keys: Float64Array): Float64Array {
  keys.sort();
  let n = 0;
  for (let i = 0; i < keys.length; i++)
    if (i === 0 || keys[i] !== keys[n - 1]) keys[n++] = keys[i]!;
  return keys.subarray(0, n);
}

export class PairDays {
  private readonly deviceIndex = new Map<string, number>();
  private readonly deviceIds: string[] = [];
  private readonly weaknessIndex = new Map<string, number>();
  private readonly weaknessIds: string[] = [];
  private readonly dayIndex = new Map<string, number>();
  private readonly dayNames: string[] = [];
  private readonly openCache = new WeakMap<Snapshot, Float64Array>();
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

  private checkSpan(): void {
    if (this.weaknessIds.length > this.span)
      throw new RangeError(`a weakness beyond the ${this.span} announced`);
  }

  /** The index of a day (YYYY-MM-DD) in this index's day table. */
  day(name: string): number {
    return this.intern(this.dayIndex, this.dayNames, name);
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

  /** Keys of the pairs with an open finding in a snapshot, sorted (computed once per snapshot). */
  openPairs(s: Snapshot): Float64Array {
    const hit = this.openCache.get(s);
    if (hit) return hit;
    const devices = s.devices.map((d) => this.intern(this.deviceIndex, this.deviceIds, d.id));
    const weaknesses = s.weaknesses.map((w) =>
      this.intern(this.weaknessIndex, this.weaknessIds, w.id),
    );
    this.checkSpan();
    const f = s.findings;
    let n = 0;
    for (let i = 0; i < f.count; i++) if (f.status[i] === OPEN) n++;
    const keys = new Float64Array(n);
    n = 0;
    for (let i = 0; i < f.count; i++)
      if (f.status[i] === OPEN)
        keys[n++] = this.key(devices[f.device[i]!]!, weaknesses[f.weakness[i]!]!);
    const out = sortedUnique(keys);
    this.openCache.set(s, out);
    return out;
  }

  /** The day of a pair in a list, as YYYY-MM-DD. */
  dayOf(list: PairDayList, key: number): string | undefined {
    const i = indexOfKey(list.keys, key);
    return i < 0 ? undefined : this.dayNames[list.days[i]!];
  }

  /**
   * First-seen days after a day's state: each pair open now keeps its day if it was open in the
   * state before too (and had one), else it is first seen `day`.
   */
  advance(seen: PairDayList, wasOpen: Float64Array, open: Float64Array, day: string): PairDayList {
    const today = this.day(day);
    const days = new Uint32Array(open.length);
    let s = 0;
    let w = 0;
    for (let i = 0; i < open.length; i++) {
      const k = open[i]!;
      while (w < wasOpen.length && wasOpen[w]! < k) w++;
      let d = today;
      if (w < wasOpen.length && wasOpen[w] === k) {
        while (s < seen.keys.length && seen.keys[s]! < k) s++;
        if (s < seen.keys.length && seen.keys[s] === k) d = seen.days[s]!;
      }
      days[i] = d;
    }
    return { keys: open, days };
  }

  /** `a` with the pairs of `b` it lacks. */
  union(a: PairDayList, b: PairDayList): PairDayList {
    if (a === b || b.keys.length === 0) return a;
    const keys = new Float64Array(a.keys.length + b.keys.length);
    const days = new Uint32Array(keys.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.keys.length || j < b.keys.length) {
      const ka = i < a.keys.length ? a.keys[i]! : Infinity;
      const kb = j < b.keys.length ? b.keys[j]! : Infinity;
      if (ka <= kb) {
        keys[n] = ka;
        days[n++] = a.days[i++]!;
        if (ka === kb) j++;
      } else {
        keys[n] = kb;
        days[n++] = b.days[j++]!;
      }
    }
    return { keys: keys.subarray(0, n), days: days.subarray(0, n) };
  }

  /**
   * Positions of `values` in ascending order (stable). Value and position packed in one number are
   * sorted natively, not by a comparison function, when the product stays exact.
   */
  private byKey(values: Float64Array): ArrayLike<number> {
    const count = values.length;
    let max = 0;
    for (let i = 0; i < count; i++) if (values[i]! > max) max = values[i]!;
    if ((max + 1) * Math.max(1, count) < Number.MAX_SAFE_INTEGER) {
      const packed = new Float64Array(count);
      for (let i = 0; i < count; i++) packed[i] = values[i]! * count + i;
      packed.sort();
      for (let i = 0; i < count; i++) packed[i] = packed[i]! % count;
      return packed;
    }
    return Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b);
  }

  fromRecord(r: FirstSeenRecord): PairDayList {
    const devices = r.devices.map((id) => this.intern(this.deviceIndex, this.deviceIds, id));
    const weaknesses = r.weaknesses.map((id) =>
      this.intern(this.weaknessIndex, this.weaknessIds, id),
    );
    this.checkSpan();
    const dayOf = r.days.map((d) => this.day(d));
    const count = r.device.length;
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++)
      keys[i] = this.key(devices[r.device[i]!]!, weaknesses[r.weakness[i]!]!);
    // Records are in id order, lists in key order.
    const positions = this.byKey(keys);
    const out = { keys: new Float64Array(count), days: new Uint32Array(count) };
    let n = 0;
    for (let p = 0; p < count; p++) {
      const i = positions[p]!;
      const k = keys[i]!;
      if (n > 0 && out.keys[n - 1] === k) continue;
      out.keys[n] = k;
      out.days[n++] = dayOf[r.day[i]!]!;
    }
    return { keys: out.keys.subarray(0, n), days: out.days.subarray(0, n) };
  }

  /**
   * The record of a list, pairs in (device id, weakness id) order and each table in order of first
   * use, so the same pairs give the same bytes whatever order the inputs came in.
   */
  toRecord(list: PairDayList): FirstSeenRecord {
    const rank = (ids: readonly string[]): Float64Array => {
      const order = ids.map((_, i) => i).sort((a, b) => byCodeUnit(ids[a]!, ids[b]!));
      const out = new Float64Array(ids.length);
      order.forEach((i, r) => (out[i] = r));
      return out;
    };
    const dRank = rank(this.deviceIds);
    const wRank = rank(this.weaknessIds);
    const wCount = Math.max(1, this.weaknessIds.length);
    const count = list.keys.length;
    const ranks = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const k = list.keys[i]!;
      ranks[i] = dRank[Math.floor(k / this.span)]! * wCount + wRank[k % this.span]!;
    }
    const positions = this.byKey(ranks);
    const r: FirstSeenRecord = {
      devices: [],
      weaknesses: [],
      days: [],
      device: new Array<number>(count),
      weakness: new Array<number>(count),
      day: new Array<number>(count),
    };
    const tables = [
      new Int32Array(this.deviceIds.length).fill(-1),
      new Int32Array(wCount).fill(-1),
      new Int32Array(this.dayNames.length).fill(-1),
    ] as const;
    const index = (t: Int32Array, i: number, list: string[], value: string): number => {
      let at = t[i]!;
      if (at < 0) {
        at = t[i] = list.length;
        list.push(value);
      }
      return at;
    };
    for (let p = 0; p < count; p++) {
      const i = positions[p]!;
      const k = list.keys[i]!;
      const d = Math.floor(k / this.span);
      const w = k % this.span;
      const day = list.days[i]!;
      r.device[p] = index(tables[0], d, r.devices, this.deviceIds[d]!);
      r.weakness[p] = index(tables[1], w, r.weaknesses, this.weaknessIds[w]!);
      r.day[p] = index(tables[2], day, r.days, this.dayNames[day]!);
    }
    return r;
  }
}
