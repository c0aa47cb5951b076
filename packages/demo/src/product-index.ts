import type { Affect, DemoWeakness } from './catalogue-types.js';

export interface ProductWeakness {
  weakness: DemoWeakness;
  affect: Affect;
}

/**
 * The vulnerabilities of one product sorted by the version that fixes them, so that the ones
 * still open at a version are a suffix found by binary search: most devices run a recent version
 * and only the last few entries need to be looked at.
 */
export class ProductIndex {
  readonly entries: ProductWeakness[];
  private readonly fixed: Float64Array;

  constructor(entries: ProductWeakness[]) {
    this.entries = [...entries].sort(
      (a, b) => (a.affect.fixed ?? Infinity) - (b.affect.fixed ?? Infinity),
    );
    this.fixed = Float64Array.from(this.entries, (e) => e.affect.fixed ?? Infinity);
  }

  /** Index of the first entry whose fix is above `version` (not yet fixed on that version). */
  firstOpenAt(version: number): number {
    let lo = 0;
    let hi = this.fixed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fixed[mid]! <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
