import type { Level } from '@exposure/score';
import type { DeviceItem, RecommendationItem, WeaknessItem } from './document-index.js';
import {
  devicesCount,
  formatImpact,
  formatNumber,
  formatPercent,
  levelName,
  severityName,
} from './format.js';
import { advisoryLink } from './links.js';
import { md } from './markdown.js';
import type { Presenter } from './translate.js';

/** A plain description of a TreeItem; the adapter maps it onto `vscode.TreeItem`. */
export interface ItemModel {
  id: string;
  label: string;
  description?: string;
  /** Markdown with every data string escaped. */
  tooltip?: string;
  icon?: { id: string; color?: string };
  collapsible: 'none' | 'collapsed';
  /** Space-separated flags the item menus match on (`viewItem =~ /\bsite\b/`). */
  contextValue?: string;
  command?: { command: string; title: string; arguments: string[] };
}

const SEVERITY_COLOR: Record<string, string> = {
  critical: 'charts.red',
  high: 'charts.orange',
  medium: 'charts.yellow',
  low: 'charts.blue',
};

export const LEVEL_COLOR: Record<Level, string | undefined> = {
  high: 'charts.red',
  medium: 'charts.yellow',
  low: 'charts.green',
  none: undefined,
};

/**
 * A recommendation: label = title, description = impact and devices, icon = severity (a flame
 * when it removes a known-exploited weakness). Tooltips are Markdown with every data string escaped.
 */
export function recommendationItem(
  key: string,
  r: RecommendationItem,
  p: Presenter,
  onSite: boolean,
  /** Its pairs' remediation deadlines, when the document has them. */
  deadlines?: { overdue: number; dueSoon: number },
): ItemModel {
  const { t } = p;
  const kev = r.threats.kev > 0;
  const overdue = deadlines?.overdue ?? 0;
  const color = SEVERITY_COLOR[r.severity.label];
  const lines = [
    `**${md(r.title)}**`,
    md(
      `${t('Exposure impact')}: ${formatImpact(r.exposureImpact, p)} · ${devicesCount(r.exposedDevices, t)}`,
    ),
    md(
      `${t('Severity')}: ${severityName(r.severity.label, t)} (${formatNumber(r.severity.score, p)})`,
    ),
  ];
  // One version for every platform, else the version per platform (exposure.json's targets).
  const perPlatform = (r.targets ?? []).filter((x) => x.version !== null);
  if (r.targetVersion) lines.push(md(t('Update to {0}', r.targetVersion)));
  else if (perPlatform.length > 0)
    for (const x of perPlatform)
      lines.push(md(t('{0}: update to {1}', x.os ?? t('no operating system'), x.version!)));
  else if (r.kind === 'software') lines.push(md(t('No fix available yet')));
  if (kev)
    lines.push(`$(flame) ${md(t('{0} known-exploited weaknesses (CISA KEV)', r.threats.kev))}`);
  if (r.threats.activeAlerts > 0)
    lines.push(md(t('Active alerts on {0} devices', r.threats.activeAlerts)));
  if (deadlines && deadlines.overdue + deadlines.dueSoon > 0)
    lines.push(
      `$(clock) ${md(t('{0} overdue, {1} due within 7 days', deadlines.overdue, deadlines.dueSoon))}`,
    );
  lines.push(md(r.id));
  return {
    id: key,
    label: r.title,
    // The sidebar is narrow: the number that ranks it (and an overdue mark), the rest is in the tooltip.
    description:
      overdue > 0
        ? `${formatImpact(r.exposureImpact, p)} · ${t('{0} overdue', overdue)}`
        : formatImpact(r.exposureImpact, p),
    tooltip: lines.join('\n\n'),
    icon: { id: kev ? 'flame' : 'circle-filled', ...(color ? { color } : {}) },
    collapsible: r.weaknesses.length + r.devices.length > 0 ? 'collapsed' : 'none',
    contextValue: onSite ? 'recommendation site' : 'recommendation',
  };
}

/** A weakness: its id, then CVSS, KEV, exploit maturity and EPSS; advisory only for web links. */
export function weaknessItem(key: string, w: WeaknessItem, p: Presenter): ItemModel {
  const { t } = p;
  const marks: string[] = [];
  if (w.cvss?.score !== undefined) marks.push(`CVSS ${formatNumber(w.cvss.score, p)}`);
  else if (w.severitySource === 'unknown') marks.push(t('severity unknown (counted as medium)'));
  else marks.push(severityName(w.severityLabel, t));
  // The scanner's own label, when ours (CVSS first) differs from it.
  if (w.scannerSeverity && w.scannerSeverity !== w.severityLabel)
    marks.push(t('scanner: {0}', severityName(w.scannerSeverity, t)));
  if (w.kev) marks.push('KEV');
  if (w.exploit === 'weaponized') marks.push(t('weaponized exploit'));
  else if (w.exploit === 'poc') marks.push(t('public exploit'));
  if (w.epss !== null) marks.push(`EPSS ${formatPercent(w.epss, p)}`);
  const lines = [`**${md(w.id)}**`];
  if (w.title) lines.push(md(w.title));
  lines.push(md(marks.join(' · ')));
  if (w.cvss?.vector) lines.push(md(w.cvss.vector));
  if (w.published) lines.push(md(t('Published {0}', w.published)));
  const color = SEVERITY_COLOR[w.severityLabel];
  return {
    id: key,
    label: w.id,
    description: marks.slice(0, w.kev ? 2 : 1).join(' · '),
    tooltip: lines.join('\n\n'),
    icon: {
      id: w.kev ? 'flame' : w.kind === 'configuration' ? 'settings-gear' : 'bug',
      ...(color ? { color } : {}),
    },
    collapsible: 'none',
    contextValue: advisoryLink(w.references) ? 'weakness advisory' : 'weakness',
  };
}

/** A device with its score; under a level node the level is implied, so the OS is shown instead. */
export function deviceItem(
  key: string,
  d: DeviceItem,
  underLevel: boolean,
  p: Presenter,
): ItemModel {
  const { t } = p;
  const level = levelName(d.level, t);
  const description = underLevel ? String(d.display) : `${d.display} · ${level}`;
  const lines = [`**${md(d.name)}**`, md(`${t('Exposure {0} · {1}', d.display, level)}`)];
  if (d.os) lines.push(md(d.os));
  if (d.group) lines.push(md(t('Group {0}', d.group)));
  lines.push(md(t('{0} open weaknesses', d.openWeaknesses)));
  const color = LEVEL_COLOR[d.level];
  return {
    id: key,
    label: d.name,
    description,
    tooltip: lines.join('\n\n'),
    icon: { id: 'device-desktop', ...(color ? { color } : {}) },
    collapsible: 'none',
    contextValue: 'device',
  };
}

/** An item whose data is missing from the document: its id, nothing more. */
export function missing(key: string, id: string): ItemModel {
  return { id: key, label: id, collapsible: 'none' };
}
