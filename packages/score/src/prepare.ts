/** A snapshot prepared for scoring, once: the assessment, the plan, the trend and the pages walk it. */
import { findingRisk } from './likelihood.js';
import { recommendationKeys, type RecommendationKey } from './recommendation-keys.js';
import { NONE, type Snapshot } from './snapshot.js';

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
  /** log(1 − r) of each finding with r < 1 (0 otherwise): every rescoring sums these. */
  logRisk: Float64Array;
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
  const { findings: f, weaknesses, devices } = s;
  const { recs, recOf } = recommendationKeys(s);
  const inScope = devices.map((d) => d.inScope);
  const counts = new Uint32Array(devices.length + 1);
  const risk = new Float64Array(f.count);
  const logRisk = new Float64Array(f.count);
  const rec = new Int32Array(f.count).fill(NONE);
  for (let n = 0; n < f.count; n++) {
    if (f.status[n] !== 0 || !inScope[f.device[n]!]) continue;
    const w = weaknesses[f.weakness[n]!]!;
    const r = findingRisk(w.severity, w.likelihood, f.activeAlert[n] === 1);
    risk[n] = r;
    if (r < 1) logRisk[n] = Math.log1p(-r);
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
    logRisk,
    rec,
    recs,
    totalFindings: f.count,
  };
}
