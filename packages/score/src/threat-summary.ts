/**
 * The threat evidence of the open weaknesses in one count, as the overview and the PDF show it:
 * computed here, beside the model's constants, so no renderer keeps a threshold of its own.
 */
import type { WeaknessSummary } from './assessment.js';
import { EPSS_NOTABLE } from './model.js';

export interface ThreatCounts {
  weaknesses: number;
  kev: number;
  weaponized: number;
  /** Proof of concept only (a weaponized exploit is counted there, not here). */
  poc: number;
  /** Weaknesses with EPSS at or above EPSS_NOTABLE. */
  epssHigh: number;
  /** The largest EPSS of any open weakness; null when none has one. */
  maxEpss: number | null;
  activeAlerts: number;
}

export function threatCounts(
  weaknesses: readonly (Pick<WeaknessSummary, 'kev' | 'exploit' | 'activeAlerts'> & {
    epss?: number | null;
  })[],
): ThreatCounts {
  const out: ThreatCounts = {
    weaknesses: weaknesses.length,
    kev: 0,
    weaponized: 0,
    poc: 0,
    epssHigh: 0,
    maxEpss: null,
    activeAlerts: 0,
  };
  for (const w of weaknesses) {
    if (w.kev) out.kev++;
    if (w.exploit === 'weaponized') out.weaponized++;
    else if (w.exploit === 'poc') out.poc++;
    if (w.epss !== undefined && w.epss !== null) {
      if (w.epss >= EPSS_NOTABLE) out.epssHigh++;
      if (out.maxEpss === null || w.epss > out.maxEpss) out.maxEpss = w.epss;
    }
    out.activeAlerts += w.activeAlerts;
  }
  return out;
}
