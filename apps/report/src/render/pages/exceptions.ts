/**
 * The page on accepted risk and deadlines (exceptions.html): each exception with who, why, until
 * when and what it hides, the score without exceptions beside the score, VEX not_affected apart,
 * and the remediation deadlines per group and per recommendation. Only the numbers of
 * exposure.json are shown; nothing is derived again.
 */
import type { ReportDocument } from '@exposure/score';
import { deviceHref, recommendationHref, type SiteContext } from '../context.js';
import { layoutContext } from '../layout.js';
import { localTitle } from '../rec-title.js';

export const EXCEPTIONS_PATH = 'exceptions.html';

/** Devices and weaknesses named per exception, and rows of the longer tables. */
const LISTED = 10;
const LISTED_RECOMMENDATIONS = 25;

type Counts = { overdue: number; dueSoon: number; onTime: number };

/** True when the document carries the sections this page shows (documents of the CLI do). */
export function hasRiskSections(doc: ReportDocument): boolean {
  return doc.exceptions !== undefined && doc.deadlines !== undefined;
}

export function exceptionsPage(ctx: SiteContext): object {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const x = doc.exceptions!;
  const d = doc.deadlines!;
  const deviceLink = (id: string) => ({
    name: ctx.devices.get(id)?.name ?? id,
    href: ctx.devices.has(id) ? deviceHref(ctx, '', id) : null,
  });
  const counts = (c: Counts) => ({
    overdue: fmt.number(c.overdue),
    dueSoon: fmt.number(c.dueSoon),
    onTime: fmt.number(c.onTime),
    late: c.overdue > 0,
  });
  const without = doc.scoreWithoutExceptions ?? doc.score;
  const devices = (n: number) => msg.t('risk.devices', { count: n, n: fmt.number(n) });
  return {
    ...layoutContext(ctx, '', 'exceptions', msg.t('risk.title')),
    score: fmt.number(doc.score, 2),
    without: fmt.number(without, 2),
    difference: fmt.number(without - doc.score, 2),
    accepted: msg.t('risk.accepted', {
      count: x.findings,
      findings: fmt.number(x.findings),
      devices: devices(x.devices),
    }),
    rules: x.rules.map((r) => ({
      source: r.source,
      weakness: r.weakness === '*' ? msg.t('risk.anyWeakness') : r.weakness,
      scope:
        [
          r.device && msg.t('risk.scope.device', { device: r.device }),
          r.group && msg.t('risk.scope.group', { group: r.group }),
          r.software && msg.t('risk.scope.software', { software: r.software }),
        ]
          .filter(Boolean)
          .join(', ') || msg.t('risk.scope.all'),
      reason: r.reason ?? '—',
      owner: r.owner ?? '—',
      approvedBy: r.approvedBy ?? '—',
      expires: r.expires ? fmt.date(r.expires) : msg.t('risk.noExpiry'),
      expired: r.expired,
      hides:
        r.findings === 0
          ? msg.t('risk.matchesNothing')
          : msg.t(r.expired ? 'risk.wouldHide' : 'risk.hides', {
              count: r.findings,
              findings: fmt.number(r.findings),
              devices: devices(r.devices.length),
            }),
      devices: r.devices.slice(0, LISTED).map(deviceLink),
      moreDevices: Math.max(0, r.devices.length - LISTED),
      weaknesses: r.weaknesses.slice(0, LISTED).join(', '),
    })),
    notAffected: {
      findings: doc.notAffected?.findings ?? 0,
      text:
        (doc.notAffected?.findings ?? 0) === 0
          ? msg.t('risk.notAffectedNone')
          : msg.t('risk.notAffected', {
              count: doc.notAffected?.findings ?? 0,
              findings: fmt.number(doc.notAffected?.findings ?? 0),
              devices: devices(doc.notAffected?.devices ?? 0),
            }),
      weaknesses: (doc.notAffected?.weaknesses ?? []).slice(0, LISTED),
    },
    deadlines: {
      ...counts(d),
      withoutDeadline: d.withoutDeadline,
      policy: msg.t('risk.policy', {
        critical: fmt.number(d.policy.critical),
        high: fmt.number(d.policy.high),
        medium: fmt.number(d.policy.medium),
        low: fmt.number(d.policy.low),
      }),
      oldestKev: d.oldestKev && {
        weakness: d.oldestKev.weakness,
        device: deviceLink(d.oldestKev.device),
        daysOpen: fmt.number(d.oldestKev.daysOpen),
        due: fmt.date(d.oldestKev.due),
        overdue: d.oldestKev.status === 'overdue',
      },
      groups: d.byGroup.map((g) => ({ name: g.name ?? msg.t('group.none'), ...counts(g) })),
      recommendations: d.byRecommendation.slice(0, LISTED_RECOMMENDATIONS).map((r) => ({
        title: localTitle(msg, ctx.recommendations.get(r.id)?.title ?? r.id),
        href: ctx.recommendations.has(r.id) ? recommendationHref(ctx, '', r.id) : null,
        ...counts(r),
      })),
      overduePairs: d.overduePairs.map((p) => ({
        weakness: p.weakness,
        device: deviceLink(p.device),
        firstSeen: fmt.date(p.firstSeen),
        due: fmt.date(p.due),
        late: fmt.number(-p.daysLeft),
        fromKev: p.dueFrom === 'kev',
      })),
      moreOverdue: Math.max(0, d.overdue - d.overduePairs.length),
    },
  };
}

/** The overview's one line: the score without exceptions and the overdue count, with a link. */
export function riskLine(ctx: SiteContext): string | null {
  const doc = ctx.input.document;
  if (!hasRiskSections(doc)) return null;
  return ctx.msg.t('risk.overviewLine', {
    count: doc.deadlines!.overdue,
    without: ctx.fmt.number(doc.scoreWithoutExceptions ?? doc.score, 2),
    overdue: ctx.fmt.number(doc.deadlines!.overdue),
    accepted: ctx.fmt.number(doc.exceptions!.findings),
  });
}
