/**
 * Every exposed device of a recommendation, reachable without JavaScript: a recommendation page
 * shows its most exposed devices, and one with more gets paged lists beside it
 * (recommendations/<slug>-devices.html, -devices-2.html, …). A slug ends in 64 hex digits, so
 * "-devices…" names can never be another recommendation's page.
 *
 * At 20,000 devices these lists hold some 150,000 rows: each device's row is rendered once (by
 * the rec-device-row fragment, escaped like any template) and reused on every list it is on.
 * The row is the device table's without the open weaknesses and the value (on the device's
 * page and in devices.csv): less to write on each of those rows.
 */
import type { PageRecommendation } from '@exposure/score';
import type Handlebars from 'handlebars';
import { recommendationHref, type SiteContext } from '../context.js';
import { layoutContext } from '../layout.js';
import { deviceRow } from '../rows.js';
import { templates } from '../templates.js';

/** How many devices a recommendation page lists itself; the rest are on its device lists. */
export const DEVICES_LISTED = 100;
export const REC_DEVICES_PER_PAGE = 500;

export function recDevicePageCount(rec: { devices: readonly string[] }): number {
  return rec.devices.length > DEVICES_LISTED
    ? Math.ceil(rec.devices.length / REC_DEVICES_PER_PAGE)
    : 0;
}

/** The list's file name beside the recommendation page, for its page 1, 2, … */
export function recDevicesFile(ctx: SiteContext, rec: PageRecommendation, page: number): string {
  const slug = ctx.recommendationSlugs.get(rec.id);
  return page === 1 ? `${slug}-devices.html` : `${slug}-devices-${page}.html`;
}

export class RecDevicePages {
  private readonly rows = new Map<string, Handlebars.SafeString>();

  constructor(private readonly ctx: SiteContext) {}

  private row(id: string): Handlebars.SafeString | null {
    let html = this.rows.get(id);
    if (!html) {
      const d = this.ctx.devices.get(id);
      if (!d) return null;
      html = templates().fragment('rec-device-row', deviceRow(this.ctx, '../', d), this.ctx.data);
      this.rows.set(id, html);
    }
    return html;
  }

  /** The pages of one recommendation's device list: path (under recommendations/) and context. */
  *pages(rec: PageRecommendation): Generator<{ file: string; context: object }> {
    const { ctx } = this;
    const pages = recDevicePageCount(rec);
    const recHref = recommendationHref(ctx, '', rec.id).slice('recommendations/'.length);
    for (let page = 1; page <= pages; page++) {
      const start = (page - 1) * REC_DEVICES_PER_PAGE;
      const ids = rec.devices.slice(start, start + REC_DEVICES_PER_PAGE);
      yield {
        file: recDevicesFile(ctx, rec, page),
        context: {
          ...layoutContext(
            ctx,
            '../',
            'recommendations',
            pages > 1
              ? ctx.msg.t('recDevices.title', { title: rec.title, page, pages })
              : ctx.msg.t('recDevices.titleAll', { title: rec.title }),
          ),
          rec: { title: rec.title, href: recHref },
          rows: ids.flatMap((id) => this.row(id) ?? []),
          range: { from: start + 1, to: start + ids.length, total: rec.devices.length },
          pagination:
            pages > 1
              ? {
                  prev: page > 1 ? recDevicesFile(ctx, rec, page - 1) : null,
                  next: page < pages ? recDevicesFile(ctx, rec, page + 1) : null,
                  pages: Array.from({ length: pages }, (_, i) => ({
                    n: i + 1,
                    href: recDevicesFile(ctx, rec, i + 1),
                    current: i + 1 === page,
                  })),
                }
              : null,
        },
      };
    }
  }
}
