/**
 * The plan's bookkeeping: what each device last contributed to the recommendations' impacts, so
 * that a step of the plan rescoring a device can take its old contribution out first.
 */
import type { Prepared } from './prepare.js';

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
