/** Day arithmetic for the simulated history: day 0 is the first snapshot, days count up by 24 h. */

const MS_PER_DAY = 86_400_000;

export interface Calendar {
  /** Epoch milliseconds of day 0's snapshot. */
  start: number;
  days: number;
}

export function makeCalendar(end: string, days: number): Calendar {
  const endTime = Date.parse(end);
  if (Number.isNaN(endTime)) throw new RangeError(`end "${end}" is not a valid ISO time`);
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, not ${days}`);
  return { start: endTime - (days - 1) * MS_PER_DAY, days };
}

/** ISO time of a (possibly fractional, possibly negative) day. */
export function isoTime(cal: Calendar, day: number): string {
  // Whole seconds, as agents report them.
  const ms = Math.round((cal.start + day * MS_PER_DAY) / 1000) * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** ISO date (no time) of a day. */
export function isoDate(cal: Calendar, day: number): string {
  return new Date(cal.start + Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day (fractional) of an ISO date or time. */
export function dayOf(cal: Calendar, iso: string): number {
  return (Date.parse(iso) - cal.start) / MS_PER_DAY;
}

/** The calendar year of a day, for CVE ids. */
export function yearOf(cal: Calendar, day: number): number {
  return new Date(cal.start + Math.floor(day) * MS_PER_DAY).getUTCFullYear();
}
