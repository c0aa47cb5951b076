import { softwareName, type PageRecommendation } from '@exposure/score';
import { deviceHref, recommendationHref, type SiteContext } from '../context.js';
import { CSV_FILES } from '../csv.js';
import { layoutContext } from '../layout.js';
import {
  cvssText,
  platformTargets,
  recommendationRow,
  targetText,
  threatBadges,
  weaknessBadges,
} from '../rows.js';
import { severityNote } from '../severity-note.js';
import { localTitle } from '../rec-title.js';
import { DEVICES_LISTED, recDevicePageCount, recDevicesFile } from './rec-devices.js';

export function recommendationsPage(ctx: SiteContext): object {
  return {
    ...layoutContext(ctx, '', 'recommendations', ctx.msg.t('nav.recommendations')),
    csv: { recommendations: CSV_FILES.recommendations, findings: CSV_FILES.findings },
    recommendations: ctx.recommendationsByImpact.map((r, i) =>
      recommendationRow(ctx, '', r, i + 1),
    ),
  };
}

export function recommendationPath(ctx: SiteContext, rec: PageRecommendation): string {
  return recommendationHref(ctx, '', rec.id);
}

export function recommendationPage(ctx: SiteContext, rec: PageRecommendation): object {
  const { msg, fmt } = ctx;
  const step = ctx.input.document.plan.find((p) => p.recommendation === rec.id);
  const devices = rec.devices.slice(0, DEVICES_LISTED).flatMap((id) => {
    const d = ctx.devices.get(id);
    return d
      ? [
          {
            href: deviceHref(ctx, '../', id),
            name: d.name,
            id: d.name === d.id ? null : d.id,
            display: d.display,
            level: d.level,
            group: d.group ?? msg.t('group.none'),
          },
        ]
      : [];
  });
  return {
    ...layoutContext(ctx, '../', 'recommendations', localTitle(msg, rec.title)),
    rec: {
      id: rec.id,
      title: localTitle(msg, rec.title),
      kind: msg.t(`rec.kind.${rec.kind}`),
      // The name people use, then the scanner's identifiers it was read from ("linux/linux_kernel").
      software: rec.software
        ? {
            name: softwareName(rec.software.vendor, rec.software.product),
            id: [rec.software.vendor, rec.software.product].filter(Boolean).join('/'),
          }
        : null,
      target: targetText(ctx, rec) || null,
      targets: platformTargets(ctx, rec),
      impact: rec.exposureImpact,
      impactBelowRounding: rec.impactBelowRounding,
      exposedDevices: rec.exposedDevices,
      openFindings: rec.openFindings,
      severityLabel: rec.severity.label,
      severity: rec.severity.score,
      badges: threatBadges(ctx, rec.threats),
      planStep: step ? { step: step.step, score: step.score, level: step.level } : null,
    },
    weaknesses: rec.weaknesses.flatMap((id) => {
      const w = ctx.weaknesses.get(id);
      if (!w) return [];
      return [
        {
          id: w.id,
          title: w.title ?? null,
          description: w.description ?? null,
          cvss: cvssText(ctx, w),
          vector: w.cvss?.vector ?? null,
          severityLabel: w.severityLabel,
          severity: w.severity,
          severityNote: severityNote(ctx, w),
          badges: weaknessBadges(ctx, w),
          published: w.published ? fmt.date(w.published) : null,
          devices: w.devices,
        },
      ];
    }),
    devices,
    moreDevices: Math.max(0, rec.exposedDevices - devices.length),
    allDevices:
      recDevicePageCount(rec) > 0
        ? {
            href: recDevicesFile(ctx, rec, 1),
            total: rec.devices.length,
            pages: recDevicePageCount(rec),
          }
        : null,
  };
}
