import { changeView } from './change-text.js';
import { createContext, type SiteContext } from './context.js';
import { trustedMarkup } from './escape.js';
import { levelFigure, planFigure, trendFigure } from './figures.js';
import { inputsModel } from './inputs.js';
import { methodologyModel } from './methodology.js';
import { cvssText, deviceRow, recommendationRow, weaknessBadges } from './rows.js';
import { advisoryLinks, coverModel, findingsBySeverity, type PdfDetail } from './print-sections.js';
import { marker } from './pdf-contents.js';
import { groupRows, planRows, scoreCard, threatSummary } from './summary.js';
import { templates } from './templates.js';
import type { Paper, RenderInput } from './types.js';

const TOP_RECOMMENDATIONS = 10;
/** Devices at high exposure shown as a full table up to this many; beyond, as a compact list. */
const HIGH_DEVICES_TABLE = 200;
/** The compact list's blocks: three columns of this many lines (a quarter of a page or so). */
const COMPACT_ROWS = 25;
const COMPACT_COLUMNS = 3;

/**
 * The compact list of devices at high exposure: blocks of three columns, each column one text of
 * a line per device ("12. name (id) · 87"), read down then across. Twenty thousand entries as
 * elements of their own (inline blocks, list items) took Chromium seconds to lay out for each of
 * the two prints; as a few hundred texts they lay out like the rest of the report.
 */
function compactDeviceBlocks(
  ctx: SiteContext,
  devices: ReadonlyArray<{ rank: number; name: string; id: string | null; display: number }>,
): string[][] {
  const { fmt } = ctx;
  const line = (d: (typeof devices)[number]) =>
    `${fmt.number(d.rank)}. ${d.name}${d.id ? ` (${d.id})` : ''} · ${fmt.number(d.display)}`;
  const blocks: string[][] = [];
  const perBlock = COMPACT_ROWS * COMPACT_COLUMNS;
  for (let start = 0; start < devices.length; start += perBlock) {
    const columns: string[] = [];
    for (let c = 0; c < COMPACT_COLUMNS; c++) {
      const from = start + c * COMPACT_ROWS;
      const column = devices.slice(from, Math.min(from + COMPACT_ROWS, start + perBlock));
      // Empty columns too: the last block's columns keep the others' widths.
      columns.push(column.map(line).join('\n'));
    }
    blocks.push(columns);
  }
  return blocks;
}

export interface PrintHtmlOptions {
  paper: Paper;
  /** `summary`: the executive report (about five pages); `full` (default): everything. */
  detail?: PdfDetail;
  /** The classification line of the cover and of every page's footer ("Confidential"). */
  classification?: string;
}

/** The sections the contents page lists, in order; each is an `<h1>` with this exact text. */
type SectionId =
  | 'summary'
  | 'findings'
  | 'recommendations'
  | 'spikes'
  | 'groups'
  | 'inputs'
  | 'appendixRecommendations'
  | 'appendixWeaknesses'
  | 'methodology';

const SECTIONS: Record<PdfDetail, readonly SectionId[]> = {
  summary: ['summary', 'findings', 'recommendations', 'inputs'],
  full: [
    'summary',
    'findings',
    'recommendations',
    'spikes',
    'groups',
    'inputs',
    'appendixRecommendations',
    'appendixWeaknesses',
    'methodology',
  ],
};

const SECTION_TITLE: Record<SectionId, string> = {
  summary: 'print.summaryTitle',
  findings: 'findings.title',
  recommendations: 'overview.topRecommendations',
  spikes: 'print.spikesTitle',
  groups: 'groups.title',
  inputs: 'inputs.title',
  appendixRecommendations: 'appendix.recommendations',
  appendixWeaknesses: 'appendix.weaknesses',
  methodology: 'method.title',
};

function summarySentences(ctx: SiteContext): string[] {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const card = scoreCard(ctx);
  const sentences = [
    msg.t('print.summary.score', {
      organization: ctx.organization,
      score: fmt.number(doc.display),
      level: msg.t(`level.${doc.level}`),
      date: fmt.date(doc.asOf),
    }),
  ];
  if (card.change) {
    sentences.push(
      msg.t(`print.summary.change.${card.change.direction}`, {
        delta: fmt.number(card.change.magnitude, 1),
        since: card.change.since,
      }),
    );
  }
  sentences.push(
    msg.t('print.summary.devices', {
      count: doc.devices.total,
      devices: fmt.number(doc.devices.total),
      high: fmt.number(doc.devices.byLevel.high),
      findings: fmt.number(doc.findings.open),
    }),
  );
  const planEnd = doc.plan.at(-1);
  if (planEnd) {
    sentences.push(
      msg.t('print.summary.plan', {
        count: doc.plan.length,
        score: fmt.number(planEnd.score, 1),
        level: msg.t(`level.${planEnd.level}`),
      }),
    );
  }
  if (doc.deadlines && doc.exceptions) {
    sentences.push(
      msg.t('print.summary.risk', {
        count: doc.deadlines.overdue,
        overdue: fmt.number(doc.deadlines.overdue),
        accepted: fmt.number(doc.exceptions.findings),
        without: fmt.number(doc.scoreWithoutExceptions ?? doc.score, 2),
      }),
    );
  }
  const spikes = doc.changes.filter((c) => c.spike).length;
  if (spikes > 0) sentences.push(msg.t('print.summary.spikes', { count: spikes }));
  return sentences;
}

/** One self-contained HTML document for the PDF: same partials and charts as the site. */
export async function renderPrintHtml(
  input: RenderInput,
  options: PrintHtmlOptions,
): Promise<string> {
  const ctx = createContext(input);
  const t = templates();
  const doc = input.document;
  const detail = options.detail ?? 'full';
  const full = detail === 'full';
  const sections = SECTIONS[detail];
  const has = Object.fromEntries(sections.map((s) => [s, true])) as Partial<
    Record<SectionId, true>
  >;
  const recs = ctx.recommendationsByImpact.slice(0, TOP_RECOMMENDATIONS);
  // The PDF stands alone: no links to site pages it does not contain.
  const recRow = (r: (typeof recs)[number], i: number) => ({
    ...recommendationRow(ctx, '', r, i + 1),
    href: null,
  });
  const classification = options.classification?.trim() || null;
  // Every device at high exposure, not a top few: the auditor's list of what must be fixed.
  const highDevices = full
    ? ctx.devicesByExposure
        .filter((d) => d.level === 'high')
        .map((d, i) => ({ ...deviceRow(ctx, '', d), href: null, rank: i + 1 }))
    : [];
  const context = {
    detail,
    has,
    toc: sections.map((id) => ({ id: `sec-${id}`, title: ctx.msg.t(SECTION_TITLE[id]) })),
    markers: Object.fromEntries(sections.map((id, i) => [id, marker(i)])),
    cover: coverModel(ctx, classification),
    findings: findingsBySeverity(ctx),
    lang: input.lang,
    paper: options.paper,
    pageSize: options.paper === 'letter' ? 'letter' : 'A4',
    css: trustedMarkup(t.css),
    title: ctx.msg.t('print.title'),
    organization: ctx.organization,
    asOf: ctx.fmt.date(doc.asOf),
    model: doc.model,
    digest: doc.inputs.digest,
    card: scoreCard(ctx),
    summary: summarySentences(ctx),
    trend: await trendFigure(ctx, 680),
    // The summary keeps the chart's values folded (one line); the full report prints them.
    trendOpen: full,
    levels: await levelFigure(ctx, 300),
    planChart: await planFigure(ctx, 600),
    byLevel: doc.devices.byLevel,
    recommendations: recs.map(recRow),
    allRecommendations: full ? ctx.recommendationsByImpact.map(recRow) : [],
    plan: planRows(ctx, () => null),
    spikes: doc.changes
      .filter((c) => c.spike)
      .map((c) => changeView(ctx, '', c))
      .map((c) => ({
        ...c,
        steps: c.steps.map((s) => ({
          ...s,
          weaknesses: s.weaknesses.map((w) => ({ ...w, href: null })),
        })),
      })),
    groups: groupRows(ctx),
    highDevices,
    // Past a few pages of table, the compact list: 20,000 rows of table are 500 pages.
    highDevicesCompact:
      highDevices.length > HIGH_DEVICES_TABLE ? compactDeviceBlocks(ctx, highDevices) : null,
    weaknesses: full ? weaknessRows(ctx) : [],
    threats: threatSummary(ctx),
    inputs: inputsModel(ctx),
    inputFormats: inputFormats(ctx),
    method: methodologyModel(ctx),
  };
  return t.render('print', context, ctx.data);
}

/** The weaknesses appendix in score's order (risk S × L, then devices, then id), with advisories. */
function weaknessRows(ctx: SiteContext) {
  return ctx.input.document.weaknesses.map((w) => ({
    id: w.id,
    title: w.title ?? '',
    severityLabel: w.severityLabel,
    cvss: cvssText(ctx, w),
    devices: w.devices,
    badges: weaknessBadges(ctx, w, w.activeAlerts > 0),
    links: advisoryLinks(w),
  }));
}

/** The summary's short account of the inputs: files and findings read per format. */
function inputFormats(ctx: SiteContext) {
  // Findings read are summed; devices are not (one device is in many files of a trend).
  const byFormat = new Map<string, { format: string; files: number; findings: number }>();
  for (const f of ctx.input.document.inputs.files) {
    const row = byFormat.get(f.format) ?? { format: f.format, files: 0, findings: 0 };
    row.files++;
    row.findings += f.findings;
    byFormat.set(f.format, row);
  }
  return [...byFormat.values()].sort((a, b) =>
    a.format < b.format ? -1 : a.format > b.format ? 1 : 0,
  );
}
