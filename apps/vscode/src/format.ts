import type { Level, SeverityLabel } from '@exposure/score';
import type { Presenter, Translate } from './translate.js';

/** Level names as the status bar and the Devices view show them. */
export function levelName(level: Level, t: Translate): string {
  switch (level) {
    case 'high':
      return t('High');
    case 'medium':
      return t('Medium');
    case 'low':
      return t('Low');
    case 'none':
      return t('None');
  }
}

export function severityName(label: SeverityLabel, t: Translate): string {
  return label === 'critical' ? t('Critical') : levelName(label, t);
}

/** `▲3` / `▼5`, or an empty string when nothing changed. */
export function deltaMark(delta: number): string {
  if (delta > 0) return `▲${delta}`;
  if (delta < 0) return `▼${-delta}`;
  return '';
}

/** A number in the display language, with at most `digits` decimals. */
export function formatNumber(value: number, p: Presenter, digits = 1): string {
  return new Intl.NumberFormat(p.locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
}

/**
 * An exposure impact as the drop it brings: `−3.2`. Small impacts keep two decimals so that a
 * real (if small) gain never reads as `−0`.
 */
export function formatImpact(impact: number, p: Presenter): string {
  const digits = Math.abs(impact) < 0.1 ? 2 : 1;
  const text = new Intl.NumberFormat(p.locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.abs(impact));
  return impact > 0 ? `\u2212${text}` : text;
}

export function formatPercent(fraction: number, p: Presenter): string {
  return new Intl.NumberFormat(p.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

/** The date part of an ISO time in the display language, in UTC so everyone reads the same day. */
export function formatDate(iso: string, p: Presenter): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(p.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(time);
}

export function formatTime(date: Date, p: Presenter): string {
  return new Intl.DateTimeFormat(p.locale, { timeStyle: 'short' }).format(date);
}

export function devicesCount(n: number, t: Translate): string {
  return n === 1 ? t('1 device') : t('{0} devices', n);
}
