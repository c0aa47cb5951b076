import { describe, expect, it } from 'vitest';
import { planSpec, trendSpec, type TrendChartData } from '../../src/render/charts.js';
import { renderSite } from '../../src/render/index.js';
import { makeInput } from './fixture.js';

const base: TrendChartData = {
  points: [{ asOf: '2026-11-01T00:00:00Z', score: 40, label: 'Nov 1, 2026: 40.00, medium' }],
  spikes: [],
  bands: [],
  axisTitle: 'Score',
  dateFormats: { dayMonth: '%b %d', monthYear: '%b %Y' },
  width: 400,
  height: 200,
};

function layers(spec: object): Array<{ data?: { values?: Array<Record<string, unknown>> } }> {
  return (spec as { layer: Array<{ data?: { values?: Array<Record<string, unknown>> } }> }).layer;
}

describe('the trend and plan charts', () => {
  it('draws no time after the last snapshot: the plan is not on the calendar', () => {
    const spec = trendSpec({
      ...base,
      points: [
        { asOf: '2026-10-01T00:00:00Z', score: 20, label: 'Oct 1' },
        { asOf: '2026-11-01T00:00:00Z', score: 45, label: 'Nov 1' },
      ],
    });
    const times = layers(spec).flatMap((l) => (l.data?.values ?? []).map((v) => v.t));
    expect(times.filter(Boolean)).toEqual(['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z']);
  });

  it('gives one snapshot one date tick, so no date label repeats', () => {
    const spec = trendSpec(base) as { layer: Array<{ encoding?: { x?: { axis?: object } } }> };
    const axis = spec.layer.find((l) => l.encoding?.x?.axis)!.encoding!.x!.axis as {
      values: number[];
    };
    expect(axis.values).toEqual([Date.parse('2026-11-01T00:00:00Z')]);
  });

  it('draws the plan as steps 0…N', () => {
    const spec = planSpec({
      scores: [45.27, 5.07, 4.99],
      bands: [],
      axisTitle: 'Score',
      stepTitle: 'Plan step',
      width: 400,
      height: 200,
    });
    const line = layers(spec)[1]!;
    expect(line.data!.values).toEqual([
      { step: 0, score: 45.27 },
      { step: 1, score: 5.07 },
      { step: 2, score: 4.99 },
    ]);
    expect((line as { mark: { interpolate: string } }).mark.interpolate).toBe('step-after');
  });

  it('shows the trend points as a table and the plan as its own chart on the overview', async () => {
    const files = await renderSite(makeInput());
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    expect(index).toContain(
      '<details class="chart-data"><summary>The values: 3 points</summary><div class="table-wrap"><table class="data">',
    );
    expect(index).toContain(
      '<tbody><tr><th scope="row">October 1, 2026</th><td>20.10</td><td>low</td></tr><tr><th scope="row">October 15, 2026 (Spike)</th><td>41.80</td><td>medium</td></tr><tr><th scope="row">November 1, 2026</th><td>45.27</td><td>medium</td></tr></tbody>',
    );
    expect(index).toContain('<title id="plan-chart-title">Score after each plan step</title>');
    expect(index).toContain(
      '<tr><th scope="row">Now</th><td>45.27</td><td>medium</td></tr><tr><th scope="row">Plan step 1</th><td>5.07</td><td>low</td></tr>',
    );
  });
});

describe("the trend chart's points", () => {
  it('each carry a title with the date, the score and the level, as the table under it does', async () => {
    const files = await renderSite(makeInput());
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    const svg = index.match(/<svg [^>]*aria-labelledby="trend-title[\s\S]*?<\/svg>/)![0];
    const titles = [...svg.matchAll(/<path[^>]*><title>([^<]*)<\/title><\/path>/g)].map(
      (m) => m[1],
    );
    const table = index.slice(index.indexOf('</svg>', index.indexOf('trend-title')));
    const rows = [
      ...table.matchAll(
        /<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g,
      ),
    ];
    expect(titles.length).toBeGreaterThan(1);
    for (const title of titles)
      expect(title).toMatch(
        /^[A-Z][a-z]+ \d+, \d{4}( \(Spike\))?: \d+\.\d\d, (low|medium|high|none)$/,
      );
    // The visible table under the chart has a row for every point.
    expect(rows.slice(0, titles.length).map((r) => `${r[1]}: ${r[2]}, ${r[3]}`)).toEqual(titles);
  });
});
