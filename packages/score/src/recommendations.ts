import type { Recommendation } from './assessment.js';
import { severityLabel } from './cvss.js';
import type { PassResult, Prepared } from './engine.js';
import { NONE } from './snapshot.js';
import { compareVersions } from './version-compare.js';

export interface RecommendationSummary {
  recommendations: Array<Recommendation & { index: number }>;
  /** Devices with an open finding, per weakness index. */
  weaknessDevices: Uint32Array;
  /** Devices with an active alert on an open finding, per weakness index. */
  weaknessAlerts: Uint32Array;
}

/**
 * Everything a recommendation shows besides its impact: the weaknesses it removes, the devices it
 * touches, the highest fixed version, severity and threats. One walk over the open findings.
 */
export function summarizeRecommendations(p: Prepared, deviceSet: Int32Array, base: PassResult): RecommendationSummary {
  const s = p.snapshot;
  const f = s.findings;
  const nR = p.recs.length;
  const nW = s.weaknesses.length;
  const recDevices: number[][] = Array.from({ length: nR }, () => []);
  const recWeaknesses: number[][] = Array.from({ length: nR }, () => []);
  const recFindings = new Uint32Array(nR);
  const recAlerts = new Uint32Array(nR);
  const devStamp = new Int32Array(nR).fill(-1);
  const alertStamp = new Int32Array(nR).fill(-1);
  const bestFixed = new Int32Array(nR).fill(NONE);
  const pairStamp = new Int32Array(nW).fill(-1);
  const alertPairStamp = new Int32Array(nW).fill(-1);
  const weaknessDevices = new Uint32Array(nW);
  const weaknessAlerts = new Uint32Array(nW);

  for (const d of deviceSet) {
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const R = p.rec[n]!;
      const w = f.weakness[n]!;
      recFindings[R]!++;
      recWeaknesses[R]!.push(w);
      if (devStamp[R] !== d) {
        devStamp[R] = d;
        recDevices[R]!.push(d);
      }
      if (pairStamp[w] !== d) {
        pairStamp[w] = d;
        weaknessDevices[w]!++;
      }
      if (f.activeAlert[n] === 1) {
        if (alertStamp[R] !== d) {
          alertStamp[R] = d;
          recAlerts[R]!++;
        }
        if (alertPairStamp[w] !== d) {
          alertPairStamp[w] = d;
          weaknessAlerts[w]!++;
        }
      }
      const fixed = f.fixedVersion[n]!;
      if (fixed !== NONE && fixed !== bestFixed[R]) {
        if (bestFixed[R] === NONE || compareVersions(s.strings[fixed]!, s.strings[bestFixed[R]!]!) > 0) bestFixed[R] = fixed;
      }
    }
  }

  const out: Array<Recommendation & { index: number }> = [];
  for (let R = 0; R < nR; R++) {
    if (recFindings[R] === 0) continue;
    const key = p.recs[R]!;
    const weaknesses = [...new Set(recWeaknesses[R])].map((w) => s.weaknesses[w]!);
    let maxSeverity = 0;
    let maxEpss: number | null = null;
    let kev = 0;
    let weaponized = 0;
    let poc = 0;
    for (const w of weaknesses) {
      maxSeverity = Math.max(maxSeverity, w.severity);
      if (w.epss !== undefined) maxEpss = Math.max(maxEpss ?? 0, w.epss);
      if (w.kev) kev++;
      if (w.exploit === 'weaponized') weaponized++;
      else if (w.exploit === 'poc') poc++;
    }
    const devices = recDevices[R]!.sort(
      (a, b) => base.exposure[b]! - base.exposure[a]! || (s.devices[a]!.id < s.devices[b]!.id ? -1 : 1),
    );
    const software = key.software === NONE ? null : s.software[key.software]!;
    out.push({
      index: R,
      id: key.id,
      title: key.title,
      kind: key.kind,
      imported: key.imported,
      software: software && { vendor: software.vendor, product: software.product },
      targetVersion: bestFixed[R] === NONE ? null : s.strings[bestFixed[R]!]!,
      weaknesses: weaknesses.map((w) => w.id).sort(),
      exposedDevices: devices.length,
      devices: devices.map((d) => s.devices[d]!.id),
      openFindings: recFindings[R]!,
      severity: { score: maxSeverity * 10, label: severityLabel(maxSeverity) },
      threats: { kev, weaponized, poc, maxEpss, activeAlerts: recAlerts[R]! },
      exposureImpact: base.impact![R]!,
    });
  }
  out.sort((a, b) => b.exposureImpact - a.exposureImpact || b.exposedDevices - a.exposedDevices || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { recommendations: out, weaknessDevices, weaknessAlerts };
}
