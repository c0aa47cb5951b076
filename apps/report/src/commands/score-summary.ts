/**
 * The plain-text summary `exposure score` prints: what a person at a terminal, or a scheduled
 * job's log, needs to see. Built from the exposure.json document, so the numbers are exactly
 * the published ones (same rounding), and free of colours and clocks, so it is stable in logs.
 */
import type { ChangeStepKind, FeedInfo, ReportDocument } from '@exposure/score';

export const TOP_RECOMMENDATIONS = 5;

const STEP_LABELS: Record<ChangeStepKind, string> = {
  'devices-removed': 'devices removed',
  'devices-added': 'devices added',
  'devices-changed': 'devices changed',
  remediated: 'findings remediated',
  'new-published': 'newly published weaknesses',
  'new-detected': 'newly detected findings',
  alerts: 'active alerts',
  kev: 'CISA KEV listings',
  exploit: 'new exploits',
  epss: 'EPSS changes',
  severity: 'severity changes',
};

const LABEL_WIDTH = 16;

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '-' : '±'}${Math.abs(x).toFixed(2)}`;
}

function row(label: string, value: string): string {
  return `${label.padEnd(LABEL_WIDTH)}${value}`;
}

function changeLine(doc: ReportDocument): string | undefined {
  const change = doc.changes[doc.changes.length - 1];
  if (!change) return undefined;
  let line = `${signed(change.delta)} since ${change.from}`;
  if (change.spike) {
    const drivers = [...change.steps]
      .filter((s) => Math.sign(s.delta) === Math.sign(change.delta) && s.delta !== 0)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
      .slice(0, 2)
      .map((s) => `${STEP_LABELS[s.kind]} ${signed(s.delta)}`);
    line += ` (spike${drivers.length ? `: ${drivers.join(', ')}` : ''})`;
  }
  return line;
}

function devicesLine(doc: ReportDocument): string {
  const { total, outOfScope, byLevel } = doc.devices;
  const levels = (['high', 'medium', 'low', 'none'] as const)
    .map((l) => `${byLevel[l]} ${l}`)
    .join(', ');
  return `${total} in scope: ${levels}${outOfScope ? ` (${outOfScope} out of scope: not seen for 30 days)` : ''}`;
}

export function feedsLine(feeds: FeedInfo, demo = false): string {
  const parts: string[] = [];
  if (feeds.kev) {
    parts.push(`CISA KEV catalog ${feeds.kev.catalogVersion} (${feeds.kev.count} known exploited)`);
  }
  if (feeds.epss) parts.push(`EPSS ${feeds.epss.modelVersion}, scores of ${feeds.epss.scoreDate}`);
  if (parts.length) return parts.join('; ');
  return demo
    ? 'none (the demo fleet carries its own KEV and EPSS data)'
    : 'none (only what the inputs themselves say)';
}

type DocRecommendation = ReportDocument['recommendations'][number];

/** A Windows fix is a KB to install (Defender's fixingKbId), not a version to update to. */
const KB = /^KB\d+$/;

/** "to 2.1", or ": install KB5031354" for a KB. */
function target(version: string): string {
  return KB.test(version) ? `: install ${version}` : ` to ${version}`;
}

/**
 * The title with where to go: "Update Acme Httpd to 2.1", "Update Microsoft Windows 10: install
 * KB5031354", the version per platform when the platforms need different ones ("Update Linux
 * Kernel (RHEL 9: 5.14.0-570; Ubuntu 24.04: …)"), or that no fix exists yet.
 */
function action(r: DocRecommendation): string {
  if (r.kind !== 'software' || r.title.includes(r.targetVersion ?? '\u0000')) return r.title;
  if (r.targetVersion) return `${r.title}${target(r.targetVersion)}`;
  const fixed = (r.targets ?? []).filter((t) => t.version !== null);
  // Said after the title, not as a second parenthesis ("Update bind-utils (RPM package) (no fix…").
  if (fixed.length === 0) return `${r.title}: no fix available yet`;
  const shown = fixed.slice(0, MAX_PLATFORMS).map((t) => `${t.os ?? 'no OS'}: ${t.version}`);
  if (fixed.length > MAX_PLATFORMS) shown.push(`${fixed.length - MAX_PLATFORMS} more`);
  return `${r.title} (${shown.join('; ')})`;
}

/** Platforms named on one terminal line; the rest are counted (exposure.json has them all). */
const MAX_PLATFORMS = 3;

function recommendationLines(doc: ReportDocument): string[] {
  const top = doc.recommendations.slice(0, TOP_RECOMMENDATIONS);
  if (top.length === 0) return ['Nothing to fix: no open weaknesses.'];
  const impacts = top.map((r) => `-${r.exposureImpact.toFixed(2)}`);
  const impactWidth = Math.max(...impacts.map((s) => s.length));
  return [
    `Top ${top.length} recommendation${top.length === 1 ? '' : 's'} (exposure impact, devices)`,
    ...top.map((r, i) => {
      const devices = `${r.exposedDevices} device${r.exposedDevices === 1 ? '' : 's'}`;
      return `  ${i + 1}. ${impacts[i]!.padStart(impactWidth)}  ${action(r)}  [${devices}]`;
    }),
  ];
}

/** Inputs listed by the summary; the rest are counted (every one is in exposure.json). */
export const LISTED_INPUTS = 20;

const TIME_SOURCE: Record<string, string> = {
  file: 'its own time',
  folder: 'its dated folder',
  'as-of': '--as-of',
  mtime: 'its modification time',
  history: 'the history',
};

function inputLines(doc: ReportDocument): string[] {
  const files = doc.inputs.files;
  if (files.length === 0) return [];
  const shown = files.slice(0, LISTED_INPUTS).map((f) => {
    if (f.coverage === 'feed') return `  ${f.path}  ${f.format} feed`;
    const when = f.takenAt
      ? `${f.takenAt} (${TIME_SOURCE[f.timeSource ?? ''] ?? f.timeSource})`
      : '';
    const counts = `${f.devices} device${f.devices === 1 ? '' : 's'}, ${f.findings} finding${f.findings === 1 ? '' : 's'}`;
    return `  ${f.path}  ${f.format}, ${f.coverage}, ${when}, ${counts}`;
  });
  if (files.length > LISTED_INPUTS)
    shown.push(`  … and ${files.length - LISTED_INPUTS} more (all in exposure.json, inputs.files)`);
  return [`Inputs (${files.length})`, ...shown, ''];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Accepted risk, deadlines and VEX, when the document carries them (see risk-document.ts). */
function riskLines(doc: ReportDocument): string[] {
  const lines: string[] = [];
  const x = doc.exceptions;
  if (x && (x.rules.length > 0 || x.findings > 0)) {
    const hidden = `${plural(x.findings, 'finding')} on ${plural(x.devices, 'device')} accepted`;
    const rules = x.rules.length
      ? ` by ${plural(x.rules.length, 'rule')}${x.expired ? ` (${x.expired} expired: ${x.expired === 1 ? 'its findings count' : 'their findings count'} again)` : ''}`
      : '';
    lines.push(
      row(
        'Exceptions',
        `${hidden}${rules}; score without exceptions ${(doc.scoreWithoutExceptions ?? doc.score).toFixed(2)}`,
      ),
    );
  }
  const d = doc.deadlines;
  if (d) {
    const p = d.policy;
    lines.push(
      row(
        'Deadlines',
        `${d.overdue} overdue, ${d.dueSoon} due within 7 days, ${d.onTime} on time ` +
          `(critical ${p.critical}, high ${p.high}, medium ${p.medium}, low ${p.low} days)`,
      ),
    );
    if (d.oldestKev) {
      const k = d.oldestKev;
      lines.push(
        row(
          'Oldest KEV',
          `${k.weakness} on ${k.device}: open ${plural(k.daysOpen, 'day')}, due ${k.due}${k.status === 'overdue' ? ' (overdue)' : ''}`,
        ),
      );
    }
    if (d.newKev && d.newKev.length > 0)
      lines.push(
        row('New KEV', `${d.newKev.length} since the previous point: ${d.newKev.join(', ')}`),
      );
  }
  const v = doc.notAffected;
  if (v && v.findings > 0) {
    lines.push(
      row(
        'Not affected',
        `${plural(v.findings, 'finding')} on ${plural(v.devices, 'device')} (VEX: not a risk acceptance)`,
      ),
    );
  }
  return lines;
}

/**
 * "Defender says …": the vendors' own scores the inputs carried, one line per vendor, kept apart
 * from ours (its model is not Exposure's, so the numbers are not comparable point for point).
 */
function vendorLines(scores: ReportDocument['vendorScores']): string[] {
  const vendors = [...new Set(scores.map((s) => s.vendor))];
  return vendors.map((vendor) => {
    const mine = scores.filter((s) => s.vendor === vendor);
    // The vendor's headline number (its exposure score) first, whatever order the files came in.
    const kinds = [...new Set(mine.map((s) => s.kind))].sort(
      (a, b) => Number(b === 'exposure score') - Number(a === 'exposure score'),
    );
    const parts = kinds.map((kind) => {
      const values = mine
        .filter((s) => s.kind === kind)
        .map(
          (s) =>
            `${s.group ? `${s.group} ` : ''}${Number(s.score.toFixed(2))}` +
            `${s.scale === '0–100' ? ' of 100' : ''}${s.time ? ` (${s.time.slice(0, 10)})` : ''}`,
        );
      return `${kind} ${values.join(', ')}`;
    });
    return row(
      `${vendor.replace(/^Microsoft /, '')} says`,
      `${parts.join('; ')} (its own model, not part of ours)`,
    );
  });
}

export function scoreSummary(doc: ReportDocument, options: { demo: boolean }): string {
  const lines = [
    row('Organization', doc.organization ?? '(not named: pass --org NAME)') +
      (options.demo ? '  (bundled demo fleet)' : ''),
    row('As of', doc.asOf),
    ...(doc.scope.group !== null ? [row('Group', doc.scope.group)] : []),
    row('Exposure score', `${doc.score.toFixed(2)} of 100: ${doc.display}, ${doc.level}`),
    ...vendorLines(doc.vendorScores ?? []),
  ];
  const change = changeLine(doc);
  if (change) lines.push(row('Change', change));
  lines.push(
    row('Devices', devicesLine(doc)),
    row('Findings', `${doc.findings.open} open of ${doc.findings.total}`),
    ...riskLines(doc),
    '',
    ...recommendationLines(doc),
    '',
    ...inputLines(doc),
    row('Feeds', feedsLine(doc.feeds, options.demo)),
    row('Model', doc.model),
  );
  return lines.join('\n') + '\n';
}
