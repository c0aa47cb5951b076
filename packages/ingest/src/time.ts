/**
 * The one parser of dates and times read from inputs, for every format. Strict, unlike
 * `Date.parse`, which rolls `2026-02-30` over to March 2, reads `"1"` as 2001, reads a time
 * without a zone in the machine's zone, and accepts years up to 275760 that later steps cannot
 * print. Accepted:
 *
 *   YYYY-MM-DD                                    midnight UTC of that day
 *   YYYY-MM-DD[T ]hh:mm[:ss[.fraction]][zone]     zone Z, ±hh, ±hhmm or ±hh:mm; none means UTC
 *
 * with a four-digit year, a day that exists in its month, hours 00–23, minutes and seconds 00–59
 * (a fraction beyond milliseconds is truncated). Anything else is not a time.
 */

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch milliseconds of a date or date-time written as above, or undefined when it is not one. */
export function parseTime(value: string): number | undefined {
  const m = TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (oh > 23 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offset;
}

/** The time as ISO 8601 UTC (`…Z`), or undefined when it is not a time (see parseTime). */
export function isoUtc(value: string): string | undefined {
  const t = parseTime(value);
  // A year 0000–9999 shifted by a zone can leave the four-digit range: not printable, refused.
  if (t === undefined) return undefined;
  const iso = new Date(t).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}
