import type { Cvss, SeverityLabel, WeaknessKind } from '@exposure/score';

/** Which versions of one product a vulnerability affects: introduced ≤ index < fixed. */
export interface Affect {
  product: string;
  introduced: number;
  /** Version index of the fix; null when no fix is available. */
  fixed: number | null;
}

/**
 * A weakness of the simulated world with its whole threat timeline, from which its state on any
 * day is derived (see threat.ts). Days are relative to the first snapshot and may be negative.
 */
export interface DemoWeakness {
  id: string;
  kind: WeaknessKind;
  title: string;
  cvss?: Cvss[];
  severity?: SeverityLabel;
  /** ISO date; absent for configuration weaknesses. */
  published?: string;
  /** First day it can be detected. */
  publishedDay: number;
  affects: Affect[];
  kevDay: number | null;
  pocDay: number | null;
  weaponizedDay: number | null;
  /** EPSS on the day it was published, before any exploit; null when EPSS does not score it. */
  epssBase: number | null;
  /** Drift of log(EPSS) per 90 days. */
  epssSlope: number;
  /** Share of the device pairs under a risk exception (for weaknesses with no fix). */
  exceptionRate: number;
}

/** A security misconfiguration that devices of some platforms can have. */
export interface DemoConfiguration {
  weakness: DemoWeakness;
  platforms: readonly string[];
  /** Share of the devices misconfigured at any time. */
  prevalence: number;
}
