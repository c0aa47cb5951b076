import { changeView } from './change-text.js';
import { createContext, type SiteContext } from './context.js';
import { trustedMarkup } from './escape.js';
import { levelFigure, planFigure, trendFigure } from './figures.js';
import { inputsModel } from './inputs.js';
import { methodologyModel } from './methodology.js';
import { deviceRow, recommendationRow } from './rows.js';
import { groupRows, planRows, scoreCard, threatSummary } from './summary.js';
import { templates } from './templates.js';
import type { Paper, RenderInput } from './types.js';

const TOP_RECOMMENDATIONS = 10;
const TOP_DEVICES = 25;

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
  options: { paper: Paper },
): Promise<string> {
  const ctx = createContext(input);
  const t = templates();
  const doc = input.document;
  const recs = ctx.recommendationsByImpact.slice(0, TOP_RECOMMENDATIONS);
  const context = {
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
    levels: await levelFigure(ctx, 300),
    planChart: await planFigure(ctx, 600),
    byLevel: doc.devices.byLevel,
    // The PDF stands alone: no links to site pages it does not contain.
    recommendations: recs.map((r, i) => ({ ...recommendationRow(ctx, '', r, i + 1), href: null })),
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
    topDevices: ctx.devicesByExposure
      .slice(0, TOP_DEVICES)
      .map((d) => ({ ...deviceRow(ctx, '', d), href: null })),
    threats: threatSummary(ctx),
    inputs: inputsModel(ctx),
    method: methodologyModel(ctx),
  };
  return t.render('print', context, ctx.data);
}
