/**
 * The raw keys a table row carries for the site's script (data-v, data-threats): sort orders of
 * levels and values, and a recommendation's threat tokens.
 */
import type { PageRecommendation } from '@exposure/score';

export const LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const VALUES = ['low', 'normal', 'high'] as const;
/** Threat tokens of a recommendation row, strongest first, as its badges. */
export const THREATS = ['alert', 'kev', 'weaponized', 'poc'] as const;
export const KINDS = ['software', 'weakness', 'configuration'] as const;

export function levelRank(level: string): number {
  return (LEVELS as readonly string[]).indexOf(level);
}

export function valueRank(value: string): number {
  return (VALUES as readonly string[]).indexOf(value);
}

/** A recommendation's threat tokens, space-separated (data-threats). */
export function threatTokens(r: PageRecommendation): string {
  const t = r.threats;
  const counts: Record<(typeof THREATS)[number], number> = {
    alert: t.activeAlerts,
    kev: t.kev,
    weaponized: t.weaponized,
    poc: t.poc,
  };
  return THREATS.filter((k) => counts[k] > 0).join(' ');
}
