import { findingRisk } from './likelihood.js';
import { NONE, type Snapshot } from './snapshot.js';
import type { RecommendationKind } from './assessment.js';
import { softwareTitle } from './software-title.js';

/** How a recommendation was formed (DESIGN.md, model rule 7). */
export interface RecommendationKey {
  id: string;
  title: string;
  kind: RecommendationKind;
  imported: boolean;
  software: number;
  weakness: number;
}

/**
 * A snapshot prepared for scoring: open findings of in-scope devices, bucketed by device (CSR),
 * each with its risk r and its recommendation. Built once per snapshot and cached, because the
 * assessment, the plan and the device pages all walk it.
 */
export interface Prepared {
  snapshot: Snapshot;
  /** Device indexes in scope, in id order: a fixed summation order makes scores bit-stable. */
  devices: Int32Array;
  /** findings of device d: order[start[d] .. start[d + 1]) */
  start: Uint32Array;
  order: Uint32Array;
  risk: Float64Array;
  rec: Int32Array;
  recs: RecommendationKey[];
  totalFindings: number;
}

const cache = new WeakMap<Snapshot, Prepared>();

export function prepare(snapshot: Snapshot): Prepared {
  const hit = cache.get(snapshot);
  if (hit) return hit;
  const p = build(snapshot);
  cache.set(snapshot, p);
  return p;
}

function build(s: Snapshot): Prepared {
  const { findings: f, weaknesses, software, devices } = s;
  const recIndex = new Map<string, number>();
  const recs: RecommendationKey[] = [];
  const bySoftware = new Int32Array(software.length).fill(NONE);
  const byWeakness = new Int32Array(weaknesses.length).fill(NONE);
  const byImported = new Int32Array(s.importedRecommendations.length).fill(NONE);
  const intern = (key: Omit<RecommendationKey, never>): number => {
    const known = recIndex.get(key.id);
    if (known !== undefined) return known;
    recIndex.set(key.id, recs.length);
    recs.push(key);
    return recs.length - 1;
  };
  const recOf = (n: number): number => {
    const imported = f.recommendation[n]!;
    const w = f.weakness[n]!;
    const sw = f.software[n]!;
    const weakness = weaknesses[w]!;
    if (imported !== NONE) {
      if (byImported[imported] === NONE) {
        const r = s.importedRecommendations[imported]!;
        byImported[imported] = intern({
          id: r.id,
          title: r.title,
          kind:
            weakness.kind === 'configuration'
              ? 'configuration'
              : sw !== NONE
                ? 'software'
                : 'weakness',
          imported: true,
          software: sw,
          weakness: w,
        });
      }
      return byImported[imported]!;
    }
    if (weakness.kind === 'configuration' || sw === NONE) {
      if (byWeakness[w] === NONE) {
        const configuration = weakness.kind === 'configuration';
        byWeakness[w] = intern({
          id: `${configuration ? 'configuration' : 'weakness'}/${weakness.id}`,
          title: configuration
            ? (weakness.title ?? `Fix configuration ${weakness.id}`)
            : `Remediate ${weakness.id}${weakness.title ? `: ${weakness.title}` : ''}`,
          kind: configuration ? 'configuration' : 'weakness',
          imported: false,
          software: NONE,
          weakness: w,
        });
      }
      return byWeakness[w]!;
    }
    if (bySoftware[sw] === NONE) {
      const { vendor, product } = software[sw]!;
      const v = vendor.toLowerCase();
      bySoftware[sw] = intern({
        id: v ? `software/${v}/${product.toLowerCase()}` : `software/${product.toLowerCase()}`,
        title: softwareTitle(vendor, product),
        kind: 'software',
        imported: false,
        software: sw,
        weakness: NONE,
      });
    }
    return bySoftware[sw]!;
  };

  const inScope = devices.map((d) => d.inScope);
  const counts = new Uint32Array(devices.length + 1);
  const risk = new Float64Array(f.count);
  const rec = new Int32Array(f.count).fill(NONE);
  for (let n = 0; n < f.count; n++) {
    if (f.status[n] !== 0 || !inScope[f.device[n]!]) continue;
    const w = weaknesses[f.weakness[n]!]!;
    risk[n] = findingRisk(w.severity, w.likelihood, f.activeAlert[n] === 1);
    rec[n] = recOf(n);
    counts[f.device[n]! + 1]!++;
  }
  const start = new Uint32Array(devices.length + 1);
  for (let d = 0; d < devices.length; d++) start[d + 1] = start[d]! + counts[d + 1]!;
  // Two counting sorts: by weakness, then (stably) by device. Each device's findings then come in
  // weakness order, so a device's pairs are summed in an order that does not depend on the input
  // order of the findings, without sorting per device on every rescoring.
  const wStart = new Uint32Array(weaknesses.length + 1);
  for (let n = 0; n < f.count; n++) if (rec[n] !== NONE) wStart[f.weakness[n]! + 1]!++;
  for (let w = 0; w < weaknesses.length; w++) wStart[w + 1]! += wStart[w]!;
  const weaknessOrder = new Uint32Array(start[devices.length]!);
  for (let n = 0; n < f.count; n++)
    if (rec[n] !== NONE) weaknessOrder[wStart[f.weakness[n]!]!++] = n;
  const fill = start.slice(0, devices.length);
  const order = new Uint32Array(start[devices.length]!);
  for (const n of weaknessOrder) order[fill[f.device[n]!]!++] = n;

  const scoped = devices
    .filter((d) => d.inScope)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    snapshot: s,
    devices: Int32Array.from(scoped, (d) => d.index),
    start,
    order,
    risk,
    rec,
    recs,
    totalFindings: f.count,
  };
}

/** D = 100 × (1 − Π(1 − r)), from Σ log(1 − r) over pairs with r < 1 and the count with r = 1. */
export function exposureFromLogs(logSum: number, certain: number): number {
  // + 0 turns the -0 of an empty product into 0.
  return certain > 0 ? 100 : -100 * Math.expm1(logSum) + 0;
}

/** D from the risks of a device's open pairs, taken in the order given. */
export function exposureOfRisks(risks: Iterable<number>): number {
  let logSum = 0;
  let certain = 0;
  for (const r of risks) {
    if (r >= 1) certain++;
    else logSum += Math.log1p(-r);
  }
  return exposureFromLogs(logSum, certain);
}

export interface PassResult {
  /** D per device index (0 for devices not in the pass). */
  exposure: Float64Array;
  /** Open (device, weakness) pairs per device index. */
  pairs: Uint32Array;
  /** Σ w·D and Σ w over the devices of the pass. */
  weighted: number;
  totalWeight: number;
  /** E over the devices of the pass. */
  score: number;
  /** Σ w·(D − D′) per recommendation index (divide by totalWeight for E − E′), when asked for. */
  impactSums: Float64Array | null;
  /** E − E′ per recommendation index, when asked for. */
  impact: Float64Array | null;
}

/**
 * Scores devices one at a time with reusable scratch space. For each device: its exposure, and
 * (optionally) how much each recommendation alone would lower it. A pair's r is the largest over
 * its findings; removing a recommendation lowers a pair only when that recommendation alone holds
 * the largest r, and then to the largest r among the other recommendations' findings on the pair.
 */
/**
 * Per device, its last recorded contributions w·(D − D′(R)) to the recommendations' impacts. A
 * device touches at most as many recommendations as it has findings, so its entries live in its
 * own slots of the findings order: `rec[start[d] + k]`, `value[start[d] + k]`, k < count[d].
 */
export interface Contributions {
  rec: Int32Array;
  value: Float64Array;
  count: Uint32Array;
}

export function createContributions(p: Prepared): Contributions {
  return {
    rec: new Int32Array(p.order.length),
    value: new Float64Array(p.order.length),
    count: new Uint32Array(p.snapshot.devices.length),
  };
}

/** Takes a device's recorded contributions out of the impacts (the inverse of scoring it). */
export function withdrawContributions(
  p: Prepared,
  kept: Contributions,
  d: number,
  impact: Float64Array,
): void {
  const from = p.start[d]!;
  const to = from + kept.count[d]!;
  for (let k = from; k < to; k++) impact[kept.rec[k]!]! -= kept.value[k]!;
  kept.count[d] = 0;
}

export class DeviceScorer {
  private readonly stamp: Int32Array;
  private readonly best1: Float64Array;
  private readonly best2: Float64Array;
  private readonly rec1: Int32Array;
  private readonly recStamp: Int32Array;
  private readonly recLog: Float64Array;
  private readonly recCertain: Int32Array;
  private pairList = new Int32Array(64);
  private readonly touched: number[] = [];
  private visit = 0;
  /** Open pairs of the last device scored. */
  pairs = 0;
  /**
   * `contributions`, when given: each scoring with impacts also records the device's
   * contributions to them, so that the plan can take them out without scoring it again.
   */
  constructor(
    private readonly p: Prepared,
    private readonly contributions: Contributions | null = null,
  ) {
    const nW = p.snapshot.weaknesses.length;
    const nR = p.recs.length;
    this.stamp = new Int32Array(nW).fill(-1);
    this.best1 = new Float64Array(nW);
    this.best2 = new Float64Array(nW);
    this.rec1 = new Int32Array(nW);
    this.recStamp = new Int32Array(nR).fill(-1);
    this.recLog = new Float64Array(nR);
    this.recCertain = new Int32Array(nR);
  }

  /** D of device d; when `impact` is given, adds sign × w × (D − D′(R)) to impact[R]. */
  score(
    d: number,
    excluded: Uint8Array | null,
    impact: Float64Array | null,
    weight: number,
    sign = 1,
  ): number {
    const { p, stamp, best1, best2, rec1 } = this;
    const wOf = p.snapshot.findings.weakness;
    const from = p.start[d]!;
    const to = p.start[d + 1]!;
    const visit = this.visit++;
    if (to - from > this.pairList.length) this.pairList = new Int32Array(to - from);
    const pairList = this.pairList;
    let np = 0;
    for (let i = from; i < to; i++) {
      const n = p.order[i]!;
      const R = p.rec[n]!;
      if (excluded !== null && excluded[R] === 1) continue;
      const w = wOf[n]!;
      const r = p.risk[n]!;
      if (stamp[w] !== visit) {
        stamp[w] = visit;
        best1[w] = r;
        rec1[w] = R;
        best2[w] = 0;
        pairList[np++] = w;
      } else if (r > best1[w]!) {
        best1[w] = r;
        rec1[w] = R;
      } else if (r === best1[w] && R !== rec1[w]) {
        rec1[w] = -2; // two recommendations hold the largest r: neither alone lowers the pair
      }
    }
    // Findings come in weakness order (see build), so the pairs are summed in weakness order.
    let logSum = 0;
    let certain = 0;
    for (let j = 0; j < np; j++) {
      const r = best1[pairList[j]!]!;
      if (r >= 1) certain++;
      else logSum += Math.log1p(-r);
    }
    const D = exposureFromLogs(logSum, certain);
    this.pairs = np;
    const kept = impact === null ? null : this.contributions;
    if (kept !== null) kept.count[d] = 0;
    if (impact === null || np === 0) return D;

    for (let i = from; i < to; i++) {
      const n = p.order[i]!;
      const R = p.rec[n]!;
      if (excluded !== null && excluded[R] === 1) continue;
      const w = wOf[n]!;
      const r = p.risk[n]!;
      if (rec1[w]! >= 0 && R !== rec1[w] && r > best2[w]!) best2[w] = r;
    }
    const { recStamp, recLog, recCertain, touched } = this;
    touched.length = 0;
    for (let j = 0; j < np; j++) {
      const w = pairList[j]!;
      const R = rec1[w]!;
      if (R < 0) continue;
      if (recStamp[R] !== visit) {
        recStamp[R] = visit;
        recLog[R] = 0;
        recCertain[R] = 0;
        touched.push(R);
      }
      const r1 = best1[w]!;
      const r2 = best2[w]!;
      recLog[R]! += (r2 >= 1 ? 0 : Math.log1p(-r2)) - (r1 >= 1 ? 0 : Math.log1p(-r1));
      recCertain[R]! += (r2 >= 1 ? 1 : 0) - (r1 >= 1 ? 1 : 0);
    }
    let slot = from;
    for (const R of touched) {
      const after = exposureFromLogs(logSum + recLog[R]!, certain + recCertain[R]!);
      const contribution = weight * Math.max(0, D - after);
      impact[R]! += sign * contribution;
      if (kept !== null) {
        kept.rec[slot] = R;
        kept.value[slot++] = contribution;
      }
    }
    if (kept !== null) kept.count[d] = slot - from;
    return D;
  }
}

/** One pass over the open findings of a set of devices: exposures, the score, and every impact. */
export function scorePass(
  p: Prepared,
  weights: Float64Array,
  deviceSet: Int32Array,
  excluded: Uint8Array | null,
  withImpact: boolean,
  contributions: Contributions | null = null,
): PassResult {
  const n = p.snapshot.devices.length;
  const exposure = new Float64Array(n);
  const pairs = new Uint32Array(n);
  const impactSums = withImpact ? new Float64Array(p.recs.length) : null;
  const scorer = new DeviceScorer(p, contributions);
  let weighted = 0;
  let totalWeight = 0;
  for (let k = 0; k < deviceSet.length; k++) {
    const d = deviceSet[k]!;
    const weight = weights[d]!;
    const D = scorer.score(d, excluded, impactSums, weight);
    exposure[d] = D;
    pairs[d] = scorer.pairs;
    weighted += weight * D;
    totalWeight += weight;
  }
  return finishPass({ exposure, pairs, weighted, totalWeight, impactSums });
}

export function finishPass(r: Omit<PassResult, 'score' | 'impact'>): PassResult {
  const { totalWeight, impactSums } = r;
  const impact =
    impactSums && impactSums.map((x) => (totalWeight > 0 ? Math.max(0, x) / totalWeight : 0));
  return { ...r, score: totalWeight > 0 ? r.weighted / totalWeight : 0, impact };
}

/** Device indexes with an open finding of each recommendation, for incremental rescoring. */
export function devicesByRecommendation(p: Prepared, deviceSet: Int32Array): Int32Array[] {
  const lists: number[][] = Array.from({ length: p.recs.length }, () => []);
  const seen = new Int32Array(p.recs.length).fill(-1);
  for (const d of deviceSet) {
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const R = p.rec[p.order[i]!]!;
      if (seen[R] !== d) {
        seen[R] = d;
        lists[R]!.push(d);
      }
    }
  }
  return lists.map((l) => Int32Array.from(l));
}
