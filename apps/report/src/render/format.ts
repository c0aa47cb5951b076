import type { Level } from '@exposure/score';
import type { Lang } from './i18n.js';

/** Locale formats for numbers and dates; dates always in UTC so output never depends on the machine. */
export class Formats {
  readonly lang: Lang;
  private readonly numberFormats = new Map<string, Intl.NumberFormat>();
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly percentFormat: Intl.NumberFormat;

  constructor(lang: Lang) {
    this.lang = lang;
    this.dateFormat = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    });
    this.dateTimeFormat = new Intl.DateTimeFormat(lang, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    this.percentFormat = new Intl.NumberFormat(lang, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
  }

  private numberFormat(digits: number, signed: boolean): Intl.NumberFormat {
    const key = `${digits}/${signed}`;
    let nf = this.numberFormats.get(key);
    if (!nf) {
      nf = new Intl.NumberFormat(this.lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: signed ? 'exceptZero' : 'auto',
      });
      this.numberFormats.set(key, nf);
    }
    return nf;
  }

  private readonly memo = new Map<number, Map<number, string>>();

  /** Memoized: device pages format the same few values (CVSS, risk) a million times. */
  number(x: number, digits = 0): string {
    let byValue = this.memo.get(digits);
    if (!byValue) {
      byValue = new Map();
      this.memo.set(digits, byValue);
    }
    let text = byValue.get(x);
    if (text === undefined) {
      text = this.numberFormat(digits, false).format(x);
      if (byValue.size < 100_000) byValue.set(x, text);
    }
    return text;
  }

  /** A change: always with its sign ("+21.7", "−3.2"). */
  signed(x: number, digits = 1): string {
    return this.numberFormat(digits, true).format(x);
  }

  private readonly percents = new Map<number, string>();

  /** Memoized: EPSS values repeat on every page that shows the weakness. */
  percent(x: number): string {
    let text = this.percents.get(x);
    if (text === undefined) {
      text = this.percentFormat.format(x);
      if (this.percents.size < 100_000) this.percents.set(x, text);
    }
    return text;
  }

  private readonly dates = new Map<string, string>();

  /**
   * A calendar date ("15 August 2026"); accepts a date or a date-time. Memoized: a site shows a
   * few hundred distinct days (published, first seen) on tens of thousands of pages.
   */
  date(iso: string): string {
    let text = this.dates.get(iso);
    if (text === undefined) {
      const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      text = Number.isNaN(t) ? iso : this.dateFormat.format(t);
      if (this.dates.size < 100_000) this.dates.set(iso, text);
    }
    return text;
  }

  dateTime(iso: string): string {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : this.dateTimeFormat.format(t);
  }

  /** The short ISO day, for places that want a compact, sortable date. */
  isoDay(iso: string): string {
    return iso.slice(0, 10);
  }
}

export const LEVELS: readonly Level[] = ['high', 'medium', 'low', 'none'];
