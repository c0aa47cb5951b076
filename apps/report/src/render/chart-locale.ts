import type { Lang } from './i18n.js';

/** d3 time and number locale definitions for vega, generated from Intl so labels follow the language. */
export interface VegaLocale {
  number: { decimal: string; thousands: string; grouping: number[]; currency: [string, string] };
  time: {
    dateTime: string;
    date: string;
    time: string;
    periods: [string, string];
    days: string[];
    shortDays: string[];
    months: string[];
    shortMonths: string[];
  };
}

const cache = new Map<Lang, VegaLocale>();

function names(
  lang: Lang,
  count: number,
  at: (i: number) => number,
  options: Intl.DateTimeFormatOptions,
): string[] {
  const f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' });
  return Array.from({ length: count }, (_, i) => f.format(at(i)).replace(/\.$/, ''));
}

export function vegaLocale(lang: Lang): VegaLocale {
  let locale = cache.get(lang);
  if (locale) return locale;
  const parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const thousands = parts.find((p) => p.type === 'group')?.value ?? ',';
  // 2023-01-01 is a Sunday: d3 lists days from Sunday.
  const day = (i: number) => Date.UTC(2023, 0, 1 + i);
  const month = (i: number) => Date.UTC(2023, i, 1);
  locale = {
    number: { decimal, thousands, grouping: [3], currency: ['', ''] },
    time: {
      dateTime: '%x %X',
      date: lang === 'nl' ? '%d-%m-%Y' : '%m/%d/%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: names(lang, 7, day, { weekday: 'long' }),
      shortDays: names(lang, 7, day, { weekday: 'short' }),
      months: names(lang, 12, month, { month: 'long' }),
      shortMonths: names(lang, 12, month, { month: 'short' }),
    },
  };
  cache.set(lang, locale);
  return locale;
}

/** Axis formats for dates in the language's usual order: "Oct 2" / "2 okt". */
export function axisDateFormats(lang: Lang): { dayMonth: string; monthYear: string } {
  return lang === 'en'
    ? { dayMonth: '%b %-d', monthYear: '%b %Y' }
    : { dayMonth: '%-d %b', monthYear: '%b %Y' };
}
