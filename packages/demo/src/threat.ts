import type { ExploitMaturity, WeaknessInput } from '@exposure/score';
import type { DemoWeakness } from './catalogue-types.js';

/** EPSS never reaches 1; the top of the real distribution sits around 0.975. */
const EPSS_CAP = 0.975;

function exploitOn(w: DemoWeakness, day: number): ExploitMaturity {
  if (w.weaponizedDay !== null && day >= w.weaponizedDay) return 'weaponized';
  if (w.pocDay !== null && day >= w.pocDay) return 'poc';
  return 'none';
}

/** Days EPSS takes to reach its settled value after publication (it starts near zero). */
const EPSS_RAMP_DAYS = 45;

/** EPSS on a day: ramps up after publication, drifts slowly, lifted when exploit code appears. */
export function epssOn(w: DemoWeakness, day: number): number | undefined {
  if (w.epssBase === null) return undefined;
  const exploit = exploitOn(w, day);
  const boost = exploit === 'weaponized' ? 2.5 : exploit === 'poc' ? 1.5 : 1;
  const age = day - w.publishedDay;
  const ramp = Math.min(1, 0.05 + (0.95 * Math.max(0, age)) / EPSS_RAMP_DAYS);
  const drift = ramp * Math.exp((w.epssSlope * age) / 90);
  const value = Math.min(EPSS_CAP, Math.max(0.0001, w.epssBase * drift * boost));
  return Math.round(value * 1e5) / 1e5;
}

/** The weakness as a feed would describe it on that day. */
export function weaknessOn(w: DemoWeakness, day: number): WeaknessInput {
  const epss = epssOn(w, day);
  const exploit = exploitOn(w, day);
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    ...(w.severity && { severity: w.severity }),
    ...(w.cvss && { cvss: w.cvss.length === 1 ? w.cvss[0]! : w.cvss }),
    ...(w.published && { published: w.published }),
    ...(w.kind === 'vulnerability' && {
      kev: w.kevDay !== null && day >= w.kevDay,
      exploit,
    }),
    ...(epss !== undefined && { epss }),
  };
}
