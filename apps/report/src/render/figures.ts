import type Handlebars from 'handlebars';
import { LEVEL_BOUNDS, type Level, type ReportDocument } from '@exposure/score';
import { axisDateFormats } from './chart-locale.js';
import { levelSpec, planSpec, renderChart, trendSpec } from './charts.js';
import type { SiteContext } from './context.js';
import { trustedMarkup } from './escape.js';

export interface Figure {
  svg: Handlebars.SafeString;
  /** The same data as a table, for screen readers and text extraction. */
  rows: Array<{ cells: string[] }>;
  headers: string[];
  /** The table is shown under the chart, not only to screen readers. */
  visibleTable?: boolean;
}

type Band = { level: Level; from: number; to: number; label: string };

function levelBands(ctx: SiteContext): Band[] {
  const { msg } = ctx;
  return [
    { level: 'low', from: 0, to: LEVEL_BOUNDS.mediumFrom, label: msg.t('level.low') },
    {
      level: 'medium',
      from: LEVEL_BOUNDS.mediumFrom,
      to: LEVEL_BOUNDS.highFrom,
      label: msg.t('level.medium'),
    },
    { level: 'high', from: LEVEL_BOUNDS.highFrom, to: 100, label: msg.t('level.high') },
  ];
}

type TrendSeries = Pick<ReportDocument, 'trend' | 'changes'>;

/**
 * The trend with level bands and spikes marked; its points' values as a table under it. The
 * document's own trend, or another series (a group's points, whose changes are not published).
 */
export async function trendFigure(
  ctx: SiteContext,
  width: number,
  idPrefix = 'trend',
  series: TrendSeries = ctx.input.document,
): Promise<Figure> {
  const { msg, fmt } = ctx;
  const doc = series;
  const scoreAt = new Map(doc.trend.map((p) => [p.asOf, p.score]));
  const spikes = doc.changes
    .filter((c) => c.spike)
    .map((c) => ({
      asOf: c.to,
      score: scoreAt.get(c.to) ?? 0,
      label: fmt.signed(c.delta, 1),
      up: c.delta > 0,
    }));
  const bands = levelBands(ctx);
  const spikeAt = new Set(spikes.map((s) => s.asOf));
  // A point's title and its table row say the same: date (spike), score, level.
  const dateText = (asOf: string) =>
    fmt.date(asOf) + (spikeAt.has(asOf) ? ` (${msg.t('change.spike')})` : '');
  const last = doc.trend.at(-1);
  const description = [
    msg.t('chart.trend.desc', {
      count: doc.trend.length,
      first: doc.trend[0] ? fmt.date(doc.trend[0].asOf) : '',
      last: last ? fmt.date(last.asOf) : '',
      score: last ? fmt.number(last.score, 1) : '',
    }),
    spikes.length > 0 ? msg.t('chart.trend.spikes', { count: spikes.length }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const svg = await renderChart(
    trendSpec({
      points: doc.trend.map((p) => ({
        asOf: p.asOf,
        score: p.score,
        label: msg.t('chart.trend.point', {
          date: dateText(p.asOf),
          score: fmt.number(p.score, 2),
          level: msg.t(`level.${p.level}`),
        }),
      })),
      spikes,
      bands,
      axisTitle: msg.t('score.name'),
      dateFormats: axisDateFormats(msg.lang),
      width,
      height: 240,
    }),
    ctx.msg.lang,
    { id: idPrefix, title: msg.t('chart.trend.title'), description },
  );
  return {
    svg: trustedMarkup(svg),
    headers: [msg.t('table.date'), msg.t('score.name'), msg.t('table.level')],
    rows: doc.trend.map((p) => ({
      cells: [dateText(p.asOf), fmt.number(p.score, 2), msg.t(`level.${p.level}`)],
    })),
    visibleTable: true,
  };
}

/** The plan as a step chart: the score now, then after each step; null without a plan. */
export async function planFigure(
  ctx: SiteContext,
  width: number,
  idPrefix = 'plan-chart',
): Promise<Figure | null> {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const end = doc.plan.at(-1);
  if (!end) return null;
  const svg = await renderChart(
    planSpec({
      scores: [doc.score, ...doc.plan.map((p) => p.score)],
      bands: levelBands(ctx),
      axisTitle: msg.t('score.name'),
      stepTitle: msg.t('chart.plan.axis'),
      width,
      height: 200,
    }),
    msg.lang,
    {
      id: idPrefix,
      title: msg.t('chart.plan.title'),
      description: msg.t('chart.plan.desc', {
        count: doc.plan.length,
        now: fmt.number(doc.score, 1),
        score: fmt.number(end.score, 1),
      }),
    },
  );
  return {
    svg: trustedMarkup(svg),
    headers: [msg.t('chart.plan.axis'), msg.t('score.name'), msg.t('table.level')],
    rows: [
      { cells: [msg.t('chart.plan.now'), fmt.number(doc.score, 2), msg.t(`level.${doc.level}`)] },
      ...doc.plan.map((p) => ({
        cells: [
          msg.t('plan.stepLabel', { n: p.step }),
          fmt.number(p.score, 2),
          msg.t(`level.${p.level}`),
        ],
      })),
    ],
  };
}

export async function levelFigure(
  ctx: SiteContext,
  width: number,
  idPrefix = 'levels',
): Promise<Figure> {
  const { msg, fmt } = ctx;
  const byLevel = ctx.input.document.devices.byLevel;
  const rows = (['high', 'medium', 'low', 'none'] as const).map((level) => ({
    level,
    label: msg.t(`level.${level}`),
    count: byLevel[level],
  }));
  const svg = await renderChart(
    levelSpec({ rows, axisTitle: msg.t('devices.countAxis'), width }),
    msg.lang,
    {
      id: idPrefix,
      title: msg.t('chart.levels.title'),
      description: rows.map((r) => `${r.label}: ${fmt.number(r.count)}`).join('; '),
    },
  );
  return {
    svg: trustedMarkup(svg),
    headers: [msg.t('table.level'), msg.t('table.devices')],
    rows: rows.map((r) => ({ cells: [r.label, fmt.number(r.count)] })),
  };
}
