import type {
  PageDevice,
  PageRecommendation,
  RecommendationThreats,
  PageWeakness,
} from '@exposure/score';
import { deviceHref, recommendationHref, type Root, type SiteContext } from './context.js';
import { localTitle } from './rec-title.js';
import { levelRank, threatTokens, valueRank } from './row-keys.js';

export interface Badge {
  kind: 'kev' | 'weaponized' | 'poc' | 'epss' | 'alert';
  text: string;
}

export function threatBadges(ctx: SiteContext, t: RecommendationThreats): Badge[] {
  const { msg, fmt } = ctx;
  const counted: Array<[Badge['kind'], number, string]> = [
    ['alert', t.activeAlerts, 'badge.alerts'],
    ['kev', t.kev, 'badge.kevCount'],
    ['weaponized', t.weaponized, 'badge.weaponizedCount'],
    ['poc', t.poc, 'badge.pocCount'],
  ];
  const badges: Badge[] = counted
    .filter(([, count]) => count > 0)
    .map(([kind, count, key]) => ({ kind, text: msg.t(key, { count, n: fmt.number(count) }) }));
  if (t.maxEpss !== null)
    badges.push({ kind: 'epss', text: msg.t('badge.epss', { p: fmt.percent(t.maxEpss) }) });
  return badges;
}

export function weaknessBadges(ctx: SiteContext, w: PageWeakness, activeAlert = false): Badge[] {
  const { msg, fmt } = ctx;
  const badges: Badge[] = [];
  if (activeAlert) badges.push({ kind: 'alert', text: msg.t('badge.alert') });
  if (w.kev) badges.push({ kind: 'kev', text: msg.t('badge.kev') });
  if (w.exploit === 'weaponized')
    badges.push({ kind: 'weaponized', text: msg.t('badge.weaponized') });
  if (w.exploit === 'poc') badges.push({ kind: 'poc', text: msg.t('badge.poc') });
  if (w.epss !== null)
    badges.push({ kind: 'epss', text: msg.t('badge.epss', { p: fmt.percent(w.epss) }) });
  return badges;
}

export interface TargetView {
  os: string;
  version: string;
  devices: number;
}

/**
 * The fixed version per platform, for a recommendation whose platforms need different versions
 * (then it has no single targetVersion); empty when there is one version or none at all.
 */
export function platformTargets(ctx: SiteContext, r: PageRecommendation): TargetView[] {
  const targets = r.targets;
  if (r.targetVersion !== null || !targets.some((t) => t.version !== null)) return [];
  return targets.map((t) => ({
    os: t.os ?? ctx.msg.t('rec.noOs'),
    version: t.version ?? ctx.msg.t('rec.noFixShort'),
    devices: t.devices,
  }));
}

/** The single target, "no fix available", or '' (see platformTargets for the per-platform case). */
export function targetText(ctx: SiteContext, r: PageRecommendation): string {
  if (r.targetVersion !== null) return r.targetVersion;
  if (r.targets.some((t) => t.version !== null)) return '';
  return r.kind === 'software' ? ctx.msg.t('rec.noFix') : '';
}

export interface RecommendationRow {
  rank: number;
  href: string;
  title: string;
  impact: number;
  impactBelowRounding: boolean;
  exposedDevices: number;
  weaknesses: number;
  severityLabel: string;
  severity: number;
  target: string;
  targets: TargetView[];
  badges: Badge[];
  /** For the script's filters (data-kind, data-threats): the kind and the threat tokens. */
  kind: string;
  threats: string;
}

export function recommendationRow(
  ctx: SiteContext,
  root: Root,
  r: PageRecommendation,
  rank: number,
): RecommendationRow {
  return {
    rank,
    href: recommendationHref(ctx, root, r.id),
    title: localTitle(ctx.msg, r.title),
    impact: r.exposureImpact,
    impactBelowRounding: r.impactBelowRounding,
    exposedDevices: r.exposedDevices,
    weaknesses: r.weaknesses.length,
    severityLabel: r.severity.label,
    severity: r.severity.score,
    target: targetText(ctx, r),
    targets: platformTargets(ctx, r),
    badges: threatBadges(ctx, r.threats),
    kind: r.kind,
    threats: threatTokens(r),
  };
}

export interface DeviceRow {
  href: string;
  name: string;
  /** Shown under the name when it differs from it. */
  id: string | null;
  os: string;
  group: string;
  value: string;
  score: number;
  display: number;
  level: string;
  openWeaknesses: number;
  /** Sort keys of the level and value columns (data-v): none 0 … high 3, low 0 … high 2. */
  levelRank: number;
  valueRank: number;
}

export function deviceRow(ctx: SiteContext, root: Root, d: PageDevice): DeviceRow {
  return {
    href: deviceHref(ctx, root, d.id),
    name: d.name,
    id: d.name === d.id ? null : d.id,
    os: d.os ?? '',
    group: d.group ?? ctx.msg.t('group.none'),
    value: ctx.msg.t(`value.${d.value}`),
    score: d.score,
    display: d.display,
    level: d.level,
    openWeaknesses: d.openWeaknesses,
    levelRank: levelRank(d.level),
    valueRank: valueRank(d.value),
  };
}

export function cvssText(ctx: SiteContext, w: PageWeakness): string {
  const c = w.cvss;
  if (!c) return '';
  const score = c.score === undefined ? '' : ctx.fmt.number(c.score, 1);
  return `CVSS ${c.version}${score ? ` ${score}` : ''}`;
}
