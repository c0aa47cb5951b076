import { UsageError } from '../exit-codes.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `--as-of`: a date (YYYY-MM-DD: the end of that UTC day, so the whole day counts) or a date-time
 * with its zone. Strict: a day that does not exist is refused, not rolled over.
 */
export function parseAsOf(value: string): number {
  const date = DATE.exec(value);
  const dateTime = date ? null : DATE_TIME.exec(value);
  const parts = date ?? dateTime;
  const t = parts ? Date.parse(date ? `${value}T23:59:59.999Z` : value) : NaN;
  if (parts && !Number.isNaN(t)) {
    const [, y, m, d] = parts;
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d)) return t;
  }
  throw new UsageError(
    `--as-of ${JSON.stringify(value)}: give a date (2026-11-01) or a date-time with its zone (2026-11-01T08:00:00Z)`,
  );
}
