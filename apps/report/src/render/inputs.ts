/**
 * The "Inputs and scope" view shared by the site page (inputs.html) and the PDF section: each
 * file read, with its format, its time and where that time came from, its coverage and counts;
 * the loader's warnings; the devices out of scope; the period. Only exposure.json's values are
 * shown: nothing is derived again.
 */
import type { SiteContext } from './context.js';

export interface InputsModel {
  scope: string;
  period: string;
  history: string | null;
  files: Array<{
    path: string;
    format: string;
    takenAt: string;
    timeSource: string;
    coverage: string;
    devices: string;
    findings: string;
  }>;
  warnings: string[];
  outOfScope: Array<{ name: string; id: string; lastSeen: string }>;
}

export function inputsModel(ctx: SiteContext): InputsModel {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const from = fmt.date(doc.period.from);
  const to = fmt.date(doc.period.to);
  return {
    scope:
      doc.scope.group === null
        ? msg.t('inputs.scopeAll', {
            organization: ctx.organization,
            devices: fmt.number(doc.devices.total),
          })
        : msg.t('inputs.scopeGroup', {
            group: doc.scope.group,
            devices: fmt.number(doc.devices.total),
          }),
    period:
      from === to ? msg.t('inputs.periodOne', { date: to }) : msg.t('inputs.period', { from, to }),
    history: doc.history
      ? msg.t('inputs.history', {
          count: doc.history.days,
          days: fmt.number(doc.history.days),
          retention: fmt.number(doc.history.retentionDays),
        })
      : null,
    files: doc.inputs.files.map((f) => ({
      path: f.path,
      format: f.format,
      // With the time of day: two scans of one day are two inputs.
      takenAt: f.takenAt ? fmt.dateTime(f.takenAt) : '—',
      // Feeds have no observation time (timeSource null).
      timeSource: msg.t(`inputs.timeSource.${f.timeSource ?? 'none'}`),
      coverage: msg.t(`inputs.coverage.${f.coverage}`),
      devices: fmt.number(f.devices),
      findings: fmt.number(f.findings),
    })),
    warnings: doc.warnings,
    outOfScope: doc.devices.outOfScopeItems.map((d) => ({
      name: d.name,
      id: d.id,
      lastSeen: d.lastSeen ? fmt.date(d.lastSeen) : msg.t('inputs.neverSeen'),
    })),
  };
}
