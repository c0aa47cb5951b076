/**
 * exposure-model/2: every constant of the scoring model, in one place, so that a number in any
 * output can be traced to the rule that made it. See docs/model.md.
 */

export const MODEL_VERSION = 'exposure-model/2';

/** Severity S from a qualitative label, when a weakness carries no CVSS score or vector. */
export const SEVERITY_FROM_LABEL = {
  critical: 0.95,
  high: 0.8,
  medium: 0.55,
  low: 0.25,
  none: 0,
} as const;

/**
 * Severity S of a weakness with neither a CVSS score nor a usable label (a scanner's "unknown", a
 * VEX entry without ratings): counted as medium, so that an unrated weakness is never free
 * (exposure-model/1 counted it as 0). A label of `none` is a statement, and stays 0.
 */
export const SEVERITY_UNKNOWN = SEVERITY_FROM_LABEL.medium;

/** CVSS versions in order of preference: the first one a weakness carries sets its severity. */
export const CVSS_PREFERENCE = ['4.0', '3.1', '3.0', '2.0'] as const;

/** Likelihood L of exploitation within 30 days, from the strongest evidence. */
export const LIKELIHOOD = {
  activeAlert: 1.0,
  kev: 0.5,
  weaponized: 0.25,
  poc: 0.08,
  none: 0.005,
} as const;

/** A device whose lastSeen is older than this, before the snapshot's time, is out of scope. */
export const SCOPE_DAYS = 30;

/** Device value weights (Defender's documented weights); high is N / 10, but never below 2. */
export const VALUE_WEIGHT = {
  low: 0.75,
  normal: 1,
  highPerDevices: 1 / 10,
  highMinimum: 2,
} as const;

/** Levels, applied to the score rounded to an integer. */
export const LEVEL_BOUNDS = { mediumFrom: 30, highFrom: 70 } as const;

/** A change between consecutive snapshots of at least this many points (either way) is a spike. */
export const SPIKE_POINTS = 5;

/** The remediation plan takes this many greedy steps. */
export const PLAN_STEPS = 10;

/** Qualitative bands for showing a severity S as a label (CVSS v3 bands on S × 10). */
export const SEVERITY_BANDS = { critical: 0.9, high: 0.7, medium: 0.4 } as const;

/** EPSS at or above this is called out as notable: roughly the top few percent of scored CVEs. */
export const EPSS_NOTABLE = 0.1;

export const MS_PER_DAY = 86_400_000;
