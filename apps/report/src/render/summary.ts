import type { SiteContext } from './context.js';
import { localTitle } from './rec-title.js';

export interface ScoreCard {
  display: number;
  score: number;
  level: string;
  /** The last change, when there is a previous snapshot. */
  change: {
    delta: number;
    magnitude: number;
    direction: 'up' | 'down' | 'flat';
    since: string;
  } | null;
  /** A vendor's own scores (Defender's), shown beside ours, formatted for the page. */
  vendorScores: Array<{
    vendor: string;
    kind: string;
    score: string;
    group: string | null;
    date: string | null;
  }>;
}

export function scoreCard(ctx: SiteContext): ScoreCard {
  const doc = ctx.input.document;
  const last = doc.changes.at(-1);
  // The published change carries the exact cents; fall back to the published previous point.
  const delta =
    last && last.to === doc.asOf
      ? last.delta
      : doc.previous
        ? doc.score - doc.previous.score
        : null;
  return {
    display: doc.display,
    score: doc.score,
    level: doc.level,
    change:
      delta === null || !doc.previous
        ? null
        : {
            delta,
            magnitude: Math.abs(delta),
            // By the value shown (one decimal), so "0.0" never reads as a rise or a fall.
            direction:
              Math.round(delta * 10) > 0 ? 'up' : Math.round(delta * 10) < 0 ? 'down' : 'flat',
            since: ctx.fmt.date(doc.previous.asOf),
          },
    vendorScores: (doc.vendorScores ?? []).map((v) => ({
      vendor: v.vendor,
      kind: v.kind,
      // "33.49 of 100", as the terminal summary says it; another scale is named as given.
      score: scaled(ctx, ctx.fmt.number(v.score, 2), v.scale),
      group: v.group,
      date: v.time === null ? null : ctx.fmt.date(v.time),
    })),
  };
}

export interface ThreatSummary {
  weaknesses: number;
  kev: number;
  weaponized: number;
  poc: number;
  epssHigh: number;
  maxEpss: string;
  activeAlerts: number;
}

/** Counted by @exposure/score (threatCounts, with its EPSS_NOTABLE); only formatted here. */
export function threatSummary(ctx: SiteContext): ThreatSummary {
  const t = ctx.input.document.threats;
  return { ...t, maxEpss: t.maxEpss === null ? '—' : ctx.fmt.percent(t.maxEpss) };
}

export interface GroupRow {
  name: string;
  /** Its page on the site; null in the PDF. */
  href: string | null;
  score: number;
  display: number;
  level: string;
  devices: number;
  high: number;
  medium: number;
  low: number;
  none: number;
}

export function groupRows(
  ctx: SiteContext,
  hrefOf: (name: string | null) => string | null = () => null,
): GroupRow[] {
  // The document's order (worst first, the devices of no group last among equals), as everywhere.
  return ctx.input.document.groups.map((g) => ({
    name: g.name ?? ctx.msg.t('group.none'),
    href: hrefOf(g.name),
    score: g.score,
    display: g.display,
    level: g.level,
    devices: g.devices,
    high: g.byLevel.high,
    medium: g.byLevel.medium,
    low: g.byLevel.low,
    none: g.byLevel.none,
  }));
}

export interface PlanRow {
  step: number;
  href: string | null;
  title: string;
  impact: number;
  score: number;
  level: string;
}

export function planRows(ctx: SiteContext, hrefOf: (id: string) => string | null): PlanRow[] {
  return ctx.input.document.plan.map((p) => ({
    step: p.step,
    href: hrefOf(p.recommendation),
    title: localTitle(ctx.msg, p.title),
    impact: p.exposureImpact,
    score: p.score,
    level: p.level,
  }));
}

function scaled(ctx: SiteContext, score: string, scale: string | null): string {
  const top = scale?.match(/^0\s*[–-]\s*(\d+)$/)?.[1];
  return top
    ? ctx.msg.t('score.outOf', { score, max: top })
    : scale
      ? `${score} (${scale})`
      : score;
}
