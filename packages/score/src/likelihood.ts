import { LIKELIHOOD } from './model.js';
import type { ExploitMaturity } from './types.js';

export interface ThreatEvidence {
  kev: boolean;
  exploit: ExploitMaturity;
  epss?: number | undefined;
}

/** The tier of the strongest evidence, before any active alert (which is per device). */
export function threatTier(t: ThreatEvidence): number {
  if (t.kev) return LIKELIHOOD.kev;
  if (t.exploit === 'weaponized') return LIKELIHOOD.weaponized;
  if (t.exploit === 'poc') return LIKELIHOOD.poc;
  return LIKELIHOOD.none;
}

/** L of a weakness without an active alert: the tier, raised to the EPSS probability if higher. */
export function likelihoodOf(t: ThreatEvidence): number {
  const tier = threatTier(t);
  return t.epss !== undefined && t.epss > tier ? Math.min(1, t.epss) : tier;
}

/** r = S × L; an active alert on the device tied to the weakness sets L to 1. */
export function findingRisk(severity: number, likelihood: number, activeAlert: boolean): number {
  return severity * (activeAlert ? LIKELIHOOD.activeAlert : likelihood);
}
