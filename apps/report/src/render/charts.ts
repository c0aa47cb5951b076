import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Level } from '@exposure/score';
import { vegaLocale } from './chart-locale.js';
import type { Lang } from './i18n.js';
import { escapeXml } from './escape.js';

/** Level colours: the same as the CSS, and always paired with the level's name in text. */
export const LEVEL_COLOURS: Record<Level, string> = {
  none: '#6b7280',
  low: '#2e7d32',
  medium: '#b45309',
  high: '#c62828',
};

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

const BASE_CONFIG = {
  // Our own title/desc and hidden table describe the chart; vega's generated aria text is English.
  aria: false,
  background: null,
  font: FONT,
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    labelColor: '#374151',
    titleColor: '#374151',
    gridColor: '#e5e7eb',
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
  },
} as const;

export interface ChartText {
  /** Unique within a page: the title and description elements get ids from it. */
  id: string;
  title: string;
  description: string;
}

/**
 * Compiles a Vega-Lite spec and renders it to SVG on the server. vega escapes every text it
 * writes; the title and description we add are escaped here.
 */
export async function renderChart(
  spec: TopLevelSpec,
  lang: Lang,
  text: ChartText,
): Promise<string> {
  const runtime = vega.parse(
    compile({ ...spec, config: BASE_CONFIG } as unknown as TopLevelSpec).spec,
  );
  // vega accepts d3 locale definitions here at run time, though its types name the built formatters.
  const locale = vegaLocale(lang) as unknown as vega.ViewOptions['locale'];
  const view = new vega.View(runtime, { renderer: 'none', locale });
  const svg = await view.toSVG();
  view.finalize();
  return labelSvg(pointTitles(svg), text);
}

/**
 * vega numbers clip paths from a process-wide counter, so the same chart would get other ids on
 * a second render, and two charts on one page could clash. Renumber them per chart.
 */
function stableIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g))
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, name: string) => {
    const renamed = ids.get(name);
    return renamed ? `${lead}${renamed}` : whole;
  });
}

/**
 * vega writes a mark's description as `aria-label`; a `<title>` child is what browsers show on
 * hover and what screen readers announce for an SVG shape, so each described shape gets one.
 * vega has escaped the label already. Its English role words go: the chart is one image.
 */
function pointTitles(svg: string): string {
  return svg.replace(
    /<path([^>]*?) aria-label="([^"]*)"([^>]*?)\/>/g,
    (_, before: string, label: string, after: string) =>
      `<path${`${before}${after}`.replace(/ (role|aria-roledescription)="[^"]*"/g, '')}><title>${label}</title></path>`,
  );
}

function labelSvg(raw: string, { id, title, description }: ChartText): string {
  const svg = stableIds(raw, `${id}-clip`);
  const open = svg.indexOf('>') + 1;
  const head = svg
    .slice(0, open)
    .replace(
      ' class="marks"',
      ` class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`,
    );
  return `${head}<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${svg.slice(open)}`;
}

export interface TrendChartData {
  /** `label`: the point's title ("1 November 2026: 42.10, medium"), shown on hover and read aloud. */
  points: Array<{ asOf: string; score: number; label: string }>;
  spikes: Array<{ asOf: string; score: number; label: string; up: boolean }>;
  bands: Array<{ level: Level; from: number; to: number; label: string }>;
  axisTitle: string;
  dateFormats: { dayMonth: string; monthYear: string };
  width: number;
  height: number;
}

const DAY_MS = 86_400_000;

export function trendSpec(data: TrendChartData): TopLevelSpec {
  const last = data.points.at(-1);
  const spanDays =
    last && data.points[0] ? (Date.parse(last.asOf) - Date.parse(data.points[0].asOf)) / DAY_MS : 0;
  // Day and month for a few months of history, month and year beyond; always UTC.
  const format = spanDays <= 150 ? data.dateFormats.dayMonth : data.dateFormats.monthYear;
  const x = {
    field: 't',
    type: 'temporal',
    scale: { type: 'utc' },
    title: null,
    // A few snapshots get one tick each: on a span of a day or less the automatic ticks repeat
    // the same date label.
    axis: {
      format,
      labelOverlap: 'greedy',
      grid: false,
      ...(data.points.length <= 6 ? { values: data.points.map((p) => Date.parse(p.asOf)) } : {}),
    },
  } as const;
  const y = {
    field: 'score',
    type: 'quantitative',
    scale: { domain: [0, 100], nice: false },
    title: data.axisTitle,
  } as const;
  const levelColour = {
    field: 'level',
    type: 'nominal',
    scale: {
      domain: ['low', 'medium', 'high'],
      range: [LEVEL_COLOURS.low, LEVEL_COLOURS.medium, LEVEL_COLOURS.high],
    },
    legend: null,
  } as const;
  return {
    width: data.width,
    height: data.height,
    resolve: { scale: { color: 'independent' } },
    layer: [
      levelBands(data.bands, data.axisTitle),
      {
        data: { values: data.bands.map((b) => ({ level: b.level, y: b.to - 2, label: b.label })) },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, fontSize: 10 },
        encoding: {
          x: { value: data.width },
          y: { field: 'y', type: 'quantitative' },
          text: { field: 'label' },
          color: levelColour,
        },
      },
      {
        data: {
          values: data.points.map((p) => ({ t: p.asOf, score: p.score, label: p.label })),
        },
        encoding: { x, y },
        layer: [
          { mark: { type: 'line', color: '#1f2937', strokeWidth: 2 } },
          {
            // The one mark with aria on: its description becomes each point's <title> (pointTitles).
            mark: {
              type: 'point',
              filled: true,
              size: 18,
              color: '#1f2937',
              opacity: 1,
              aria: true,
            },
            encoding: { description: { field: 'label' } },
          },
        ],
      },
      {
        data: {
          values: data.spikes.map((s) => ({
            t: s.asOf,
            score: s.score,
            label: s.label,
            dir: s.up ? 'up' : 'down',
          })),
        },
        layer: [
          {
            mark: { type: 'point', filled: true, size: 90, opacity: 1 },
            encoding: {
              x,
              y,
              // A rise points up in red, a fall points down in green.
              shape: {
                field: 'dir',
                type: 'nominal',
                scale: { domain: ['up', 'down'], range: ['triangle-up', 'triangle-down'] },
                legend: null,
              },
              color: {
                field: 'dir',
                type: 'nominal',
                scale: { domain: ['up', 'down'], range: ['#c62828', '#2e7d32'] },
                legend: null,
              },
            },
          },
          {
            mark: { type: 'text', dy: -12, fontSize: 10, fontWeight: 'bold', color: '#7f1d1d' },
            encoding: { x, y, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

export interface PlanChartData {
  /** The score now (step 0), then after each plan step. */
  scores: number[];
  bands: TrendChartData['bands'];
  axisTitle: string;
  stepTitle: string;
  width: number;
  height: number;
}

/**
 * The plan as its own step chart: the score after step 1…N on an axis of steps, never on the
 * calendar, so it does not read as a forecast of dates.
 */
export function planSpec(data: PlanChartData): TopLevelSpec {
  const y = {
    field: 'score',
    type: 'quantitative',
    scale: { domain: [0, 100], nice: false },
    title: data.axisTitle,
  } as const;
  const x = {
    field: 'step',
    type: 'quantitative',
    scale: { domain: [0, Math.max(1, data.scores.length - 1)], nice: false },
    title: data.stepTitle,
    axis: { tickMinStep: 1, format: 'd', grid: false },
  } as const;
  return {
    width: data.width,
    height: data.height,
    layer: [
      levelBands(data.bands, data.axisTitle),
      {
        data: { values: data.scores.map((score, step) => ({ step, score })) },
        mark: {
          type: 'line',
          interpolate: 'step-after',
          color: '#2563eb',
          strokeWidth: 2,
          point: { filled: true, size: 24, color: '#2563eb' },
        },
        encoding: { x, y },
      },
    ],
  } as TopLevelSpec;
}

export interface LevelChartData {
  rows: Array<{ level: Level; label: string; count: number }>;
  axisTitle: string;
  width: number;
}

export function levelSpec(data: LevelChartData): TopLevelSpec {
  const order = data.rows.map((r) => r.label);
  return {
    width: data.width,
    height: { step: 26 },
    data: { values: data.rows.map((r) => ({ label: r.label, level: r.level, count: r.count })) },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelFontSize: 12 } },
      x: { field: 'count', type: 'quantitative', title: data.axisTitle, axis: { tickMinStep: 1 } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          color: {
            field: 'level',
            type: 'nominal',
            scale: { domain: Object.keys(LEVEL_COLOURS), range: Object.values(LEVEL_COLOURS) },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#111827' },
        encoding: { text: { field: 'count', type: 'quantitative', format: ',d' } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * The low / medium / high bands behind a 0–100 score axis, shared by the trend and the plan.
 * Lighter, more distinct hues than the text colours, so medium reads as amber.
 */
function levelBands(
  bands: ReadonlyArray<{ level: string; from: number; to: number }>,
  axisTitle: string,
) {
  return {
    data: { values: bands.map((b) => ({ level: b.level, y0: b.from, y1: b.to })) },
    mark: { type: 'rect' as const, opacity: 0.13 },
    encoding: {
      y: {
        field: 'y0',
        type: 'quantitative' as const,
        scale: { domain: [0, 100] },
        title: axisTitle,
      },
      y2: { field: 'y1' },
      color: {
        field: 'level',
        type: 'nominal' as const,
        scale: { domain: ['low', 'medium', 'high'], range: ['#4caf50', '#f59e0b', '#ef4444'] },
        legend: null,
      },
    },
  };
}
