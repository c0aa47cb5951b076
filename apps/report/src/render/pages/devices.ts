import type { PageDevice, PageFinding } from '@exposure/score';
import type { SiteContext } from '../context.js';
import type { FindingRows } from '../device-cells.js';
import { CSV_FILES } from '../csv.js';
import { layoutContext } from '../layout.js';
import { deviceRow } from '../rows.js';

export const DEVICES_PER_PAGE = 200;

/** devices/index.html for the first page, devices/page-N.html after it. */
export function devicesListFile(page: number): string {
  return page === 1 ? 'index.html' : `page-${page}.html`;
}

export function pageCount(devices: number): number {
  return Math.max(1, Math.ceil(devices / DEVICES_PER_PAGE));
}

export function devicesListPage(ctx: SiteContext, page: number): object {
  const pages = pageCount(ctx.devicesByExposure.length);
  const start = (page - 1) * DEVICES_PER_PAGE;
  const slice = ctx.devicesByExposure.slice(start, start + DEVICES_PER_PAGE);
  const title =
    pages > 1 ? ctx.msg.t('devices.pageTitle', { page, pages }) : ctx.msg.t('nav.devices');
  return {
    ...layoutContext(ctx, '../', 'devices', title),
    csv: { devices: `../${CSV_FILES.devices}`, findings: `../${CSV_FILES.findings}` },
    devices: slice.map((d) => deviceRow(ctx, '../', d)),
    // A list paged over many files: the script filters and sorts the whole fleet (from the
    // search index), not only this page's rows.
    fleet: pages > 1 ? ctx.devicesByExposure.length : null,
    range: {
      from: slice.length ? start + 1 : 0,
      to: start + slice.length,
      total: ctx.devicesByExposure.length,
    },
    pagination:
      pages > 1
        ? {
            prev: page > 1 ? devicesListFile(page - 1) : null,
            next: page < pages ? devicesListFile(page + 1) : null,
            pages: Array.from({ length: pages }, (_, i) => ({
              n: i + 1,
              href: devicesListFile(i + 1),
              current: i + 1 === page,
            })),
          }
        : null,
  };
}

export function devicePage(
  ctx: SiteContext,
  rows: FindingRows,
  d: PageDevice,
  findings: readonly PageFinding[] = ctx.input.document.deviceFindings.of(d.id),
): object {
  return {
    ...layoutContext(ctx, '../', 'devices', d.name),
    device: {
      ...deviceRow(ctx, '../', d),
      owner: d.owner ?? null,
      tags: d.tags.join(', '),
      lastSeen: d.lastSeen ? ctx.fmt.date(d.lastSeen) : null,
      weight: d.weight,
    },
    findingCount: findings.length,
    findingRows: rows.html(findings),
  };
}
