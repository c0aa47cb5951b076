/**
 * The device exposure D = 100 × (1 − Π(1 − r)) (the one place it is computed) and the scorer that
 * applies it to each device of a prepared snapshot, with each recommendation's impact.
 */
import type { Contributions } from './contributions.js';
import type { Prepared } from './prepare.js';

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
export class DeviceScorer {
  private readonly stamp: Int32Array;
  private readonly best1: Float64Array;
  /** The finding that holds best1, whose log(1 − r) is summed. */
  private readonly at1: Int32Array;
  private readonly best2: Float64Array;
  /** log(1 − best2), 0 when no other recommendation's finding is on the pair. */
  private readonly log2: Float64Array;
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
    this.at1 = new Int32Array(nW);
    this.best2 = new Float64Array(nW);
    this.log2 = new Float64Array(nW);
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
    const { p, stamp, best1, at1, best2, log2, rec1 } = this;
    const logRisk = p.logRisk;
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
        at1[w] = n;
        rec1[w] = R;
        best2[w] = 0;
        log2[w] = 0;
        pairList[np++] = w;
      } else if (r > best1[w]!) {
        best1[w] = r;
        at1[w] = n;
        rec1[w] = R;
      } else if (r === best1[w] && R !== rec1[w]) {
        rec1[w] = -2; // two recommendations hold the largest r: neither alone lowers the pair
      }
    }
    // Findings come in weakness order (see build), so the pairs are summed in weakness order.
    let logSum = 0;
    let certain = 0;
    for (let j = 0; j < np; j++) {
      const w = pairList[j]!;
      if (best1[w]! >= 1) certain++;
      else logSum += logRisk[at1[w]!]!;
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
      if (rec1[w]! >= 0 && R !== rec1[w] && r > best2[w]!) {
        best2[w] = r;
        log2[w] = logRisk[n]!;
      }
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
      recLog[R]! += (r2 >= 1 ? 0 : log2[w]!) - (r1 >= 1 ? 0 : logRisk[at1[w]!]!);
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

const exposures = new WeakMap<Prepared, Float64Array>();

/**
 * D of every in-scope device of a prepared snapshot (0 for the others), scored once: a state's
 * points, its groups' points and the change attribution all read the same exposures.
 */
export function deviceExposures(p: Prepared): Float64Array {
  let hit = exposures.get(p);
  if (!hit) {
    hit = new Float64Array(p.snapshot.devices.length);
    const scorer = new DeviceScorer(p);
    for (const d of p.devices) hit[d] = scorer.score(d, null, null, 0);
    exposures.set(p, hit);
  }
  return hit;
}

export function finishPass(r: Omit<PassResult, 'score' | 'impact'>): PassResult {
  const { totalWeight, impactSums } = r;
  const impact =
    impactSums && impactSums.map((x) => (totalWeight > 0 ? Math.max(0, x) / totalWeight : 0));
  return { ...r, score: totalWeight > 0 ? r.weighted / totalWeight : 0, impact };
}
