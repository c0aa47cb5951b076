/**
 * A page per group (groups/<slug>.html): its score, level and devices by level as exposure.json
 * publishes them, its own trend, every device of the group (most exposed first) and the recommendations that
 * touch it, by how many of its devices each one exposes. The impacts shown are the
 * organization's (exposure.json has no per-group impacts), and the page says so.
 */
import type { PageRecommendation } from '@exposure/score';
import type { SiteContext } from '../context.js';
import { trendFigure } from '../figures.js';
import { layoutContext } from '../layout.js';
import { slugify } from '../slug.js';
import { deviceRow, recommendationRow } from '../rows.js';

/** Ungrouped devices have no name to slug: a fixed file name no group slug can take. */
const UNGROUPED_FILE = 'ungrouped.html';

/** groups/<slug>.html of a group name (null: the devices in no group). */
export function groupFile(name: string | null): string {
  // Every other slug ends in a 10-hex-digit hash, so "ungrouped" cannot collide with one.
  return name === null ? UNGROUPED_FILE : `${slugify(name)}.html`;
}

export function groupHref(root: '' | '../', name: string | null): string {
  return `${root}groups/${groupFile(name)}`;
}

/** The recommendations touching each group, with how many of its devices each one exposes. */
function recommendationsByGroup(
  ctx: SiteContext,
): Map<string | null, Array<{ rec: PageRecommendation; rank: number; devices: number }>> {
  const out = new Map<
    string | null,
    Array<{ rec: PageRecommendation; rank: number; devices: number }>
  >();
  ctx.recommendationsByImpact.forEach((rec, i) => {
    const counts = new Map<string | null, number>();
    for (const id of rec.devices) {
      const group = ctx.devices.get(id)?.group ?? null;
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    for (const [group, devices] of counts) {
      let list = out.get(group);
      if (!list) out.set(group, (list = []));
      list.push({ rec, rank: i + 1, devices });
    }
  });
  // Most of the group's devices first; ties keep the organization's order (impact).
  for (const list of out.values()) list.sort((a, b) => b.devices - a.devices || a.rank - b.rank);
  return out;
}

export async function* groupPages(
  ctx: SiteContext,
): AsyncGenerator<{ path: string; context: object }> {
  const recs = recommendationsByGroup(ctx);
  const devicesOf = new Map<string | null, typeof ctx.devicesByExposure>();
  for (const d of ctx.devicesByExposure) {
    const group = d.group ?? null;
    let list = devicesOf.get(group);
    if (!list) devicesOf.set(group, (list = []));
    list.push(d);
  }
  for (const [i, g] of ctx.input.document.groups.entries()) {
    const name = g.name ?? ctx.msg.t('group.none');
    // The group's own points; documents written before groups had a trend have none.
    const trend =
      g.trend && g.trend.length > 0
        ? await trendFigure(ctx, 1040, `group-trend-${i + 1}`, { trend: g.trend, changes: [] })
        : null;
    yield {
      path: `groups/${groupFile(g.name)}`,
      context: {
        ...layoutContext(ctx, '../', 'overview', name),
        group: {
          name,
          display: g.display,
          score: g.score,
          level: g.level,
          devices: g.devices,
          byLevel: g.byLevel,
        },
        trend,
        devices: (devicesOf.get(g.name) ?? []).map((d) => deviceRow(ctx, '../', d)),
        recommendations: (recs.get(g.name) ?? []).map(({ rec, rank, devices }) => ({
          ...recommendationRow(ctx, '../', rec, rank),
          groupDevices: devices,
        })),
      },
    };
  }
}
