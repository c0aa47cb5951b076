import { changeView } from '../change-text.js';
import { recommendationHref, type SiteContext } from '../context.js';
import { levelFigure, planFigure, trendFigure } from '../figures.js';
import { layoutContext } from '../layout.js';
import { EXCEPTIONS_PATH, riskLine } from './exceptions.js';
import { deviceRow, recommendationRow } from '../rows.js';
import { groupHref } from './groups.js';
import { groupRows, planRows, scoreCard, threatSummary } from '../summary.js';

const TOP_RECOMMENDATIONS = 10;
const TOP_DEVICES = 10;
/** The overview explains the latest spikes in words; the changes page has them all. */
const LATEST_SPIKES = 3;

export async function overviewPage(ctx: SiteContext): Promise<object> {
  const doc = ctx.input.document;
  return {
    ...layoutContext(ctx, '', 'overview', ctx.msg.t('nav.overview')),
    card: scoreCard(ctx),
    counts: {
      devices: doc.devices.total,
      outOfScope: doc.devices.outOfScope,
      findings: doc.findings.open,
    },
    trend: await trendFigure(ctx, 1040),
    planChart: await planFigure(ctx, 1040),
    spikes: doc.changes
      .filter((c) => c.spike)
      .slice(-LATEST_SPIKES)
      .reverse()
      .map((c) => changeView(ctx, '', c)),
    spikeCount: doc.changes.filter((c) => c.spike).length,
    levels: await levelFigure(ctx, 320),
    byLevel: doc.devices.byLevel,
    recommendations: ctx.recommendationsByImpact
      .slice(0, TOP_RECOMMENDATIONS)
      .map((r, i) => recommendationRow(ctx, '', r, i + 1)),
    recommendationCount: doc.recommendations.length,
    plan: planRows(ctx, (id) => recommendationHref(ctx, '', id)),
    topDevices: ctx.devicesByExposure.slice(0, TOP_DEVICES).map((d) => deviceRow(ctx, '', d)),
    groups: groupRows(ctx, (name) => groupHref('', name)),
    threats: threatSummary(ctx),
    risk: riskLine(ctx),
    riskHref: EXCEPTIONS_PATH,
  };
}
