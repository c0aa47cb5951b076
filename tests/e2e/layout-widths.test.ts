/**
 * Issue 11, item 7: the Dutch demo site in Chromium at 1,400 px and 420 px. Dutch headers are
 * long ("Blootgestelde apparaten", "Versie met oplossing"): no table may run out of its box at
 * 1,400 px, and at 420 px every cell of the recommendations table is on screen (stacked), not
 * scrolled out of sight.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, scratch } from './helpers.js';

const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium']
  .filter((p): p is string => typeof p === 'string' && p !== '')
  .find((p) => existsSync(p));

let site: string;
let browser: Browser;
beforeAll(async () => {
  assertBuilt();
  site = join(await scratch('layout-widths'), 'site');
  const r = await exposure(['report', '--out', site, '--lang', 'nl']);
  expect(r.code).toBe(0);
  if (chrome) browser = await puppeteer.launch({ executablePath: chrome, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

interface Overflow {
  pageWidth: number;
  /** Tables wider than their scrolling box, with what sticks out. */
  tables: string[];
  /** Cells of the recommendations table that end right of the viewport. */
  offscreen: string[];
}

async function measure(page: string, width: number): Promise<Overflow> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width, height: 900 });
    await tab.goto(pathToFileURL(join(site, page)).href);
    return await tab.evaluate(() => {
      const tables = [...document.querySelectorAll('.table-wrap')]
        .filter((w) => w.scrollWidth > w.clientWidth + 1)
        .map(
          (w) =>
            `${w.querySelector('caption')?.textContent ?? '?'}: ${w.scrollWidth} > ${w.clientWidth}`,
        );
      const offscreen = [
        ...document.querySelectorAll('table.rec-table tbody td, table.rec-table tbody th'),
      ]
        .filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1)
        .map((c) => c.textContent?.trim() ?? '');
      return { pageWidth: document.documentElement.scrollWidth, tables, offscreen };
    });
  } finally {
    await tab.close();
  }
}

describe.skipIf(!chrome)('the Dutch site at 1,400 px and 420 px', () => {
  it('fits the recommendations table, "Versie met oplossing" included, at 1,400 px', async () => {
    const m = await measure('recommendations.html', 1400);
    expect(m.tables).toEqual([]);
    expect(m.offscreen).toEqual([]);
  });

  it('shows every cell of the recommendations table at 420 px', async () => {
    for (const page of ['recommendations.html', 'index.html']) {
      const m = await measure(page, 420);
      expect(m.pageWidth, page).toBeLessThanOrEqual(420);
      expect(m.offscreen, page).toEqual([]);
    }
  });
});
