import type { Random } from './random.js';
import { FAMILIES, type FamilySpec } from './software.js';

/** How far before day 0 the regular releases start: enough for lagging devices to be behind. */
export const RELEASE_LOOKBACK_DAYS = 420;
/** Day of the legacy build (version index 0): long before anything else. */
const LEGACY_DAY = -2000;

/** A family's release days by version index (index 0 is the legacy build). */
export interface ReleaseSchedule {
  family: FamilySpec;
  /** Day each version index was released (the family's day; products add their offset). */
  days: number[];
}

/** Release schedules of every family, up to the last day of the history. */
export function makeSchedules(rng: Random, lastDay: number): Map<string, ReleaseSchedule> {
  const schedules = new Map<string, ReleaseSchedule>();
  for (const family of FAMILIES) {
    const days = [LEGACY_DAY];
    let day = -RELEASE_LOOKBACK_DAYS + rng.int(0, family.cadence - 1);
    while (day <= lastDay) {
      days.push(day);
      // Vendors slip by a few days now and then; a schedule never goes backwards.
      day += Math.max(7, family.cadence + rng.int(-2, 2));
    }
    schedules.set(family.key, { family, days });
  }
  return schedules;
}

/** The highest version index released on or before `day`. */
export function latestIndex(schedule: ReleaseSchedule, day: number): number {
  let index = 0;
  for (let i = 1; i < schedule.days.length; i++) {
    if (schedule.days[i]! <= day) index = i;
    else break;
  }
  return index;
}
