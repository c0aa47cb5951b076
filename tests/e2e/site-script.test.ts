/**
 * The site's script in Chromium (issue 11, item 5): on a 20,000-device site opened from disk,
 * the search box finds a device, a weakness and a recommendation; the device list filters the
 * whole fleet by level and group and sorts; the recommendations filter by threat; nothing
 * breaks the CSP or logs an error; with JavaScript off every page is still complete. A small
 * hostile site checks that names built to break out of markup stay text.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLargeSnapshotChunks } from '@exposure/demo';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, handSnapshot, scratch, writeJson } from './helpers.js';

/** The same places the CLI looks (TOOLCHAIN.md): explicit variables, then Debian's paths. */
const chrome = [
  process.env.CHROME_PATH,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
]
  .filter((p): p is string => typeof p === 'string' && p !== '')
  .find((p) => existsSync(p));
if (!chrome && process.env.CI === 'true')
  throw new Error('Chromium is missing: CI must run the site script tests in a browser');

const DEVICES = 20_000;
const SCRIPT_BREAKER = '</script><img src=x onerror=alert(1)>';
const UNICODE = 'Ünïcødé-Straße ﬁle server';

interface Doc {
  devices: {
    items: Array<{ id: string; name: string; group?: string | null; level: string }>;
    byLevel: Record<string, number>;
  };
  recommendations: Array<{
    id: string;
    title: string;
    weaknesses: string[];
    exposedDevices: number;
    threats: { kev: number };
  }>;
}

let browser: Browser;
let site: string;
let hostileSite: string;
let doc: Doc;
/** Everything a page reported that it should not: console errors, exceptions, CSP violations. */
const problems: string[] = [];

async function open(path: string, root = site, js = true): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(js);
  await page.setViewport({ width: 1400, height: 900 });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${String(e)}`));
  page.on('dialog', (d) => {
    problems.push(`${path}: a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  // Added through DevTools, so the page's own CSP does not apply to it.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(pathToFileURL(join(root, path)).href, { waitUntil: 'load' });
  return page;
}

async function search(
  page: Page,
  text: string,
): Promise<Array<{ text: string; sub: string; href: string }>> {
  await page.click('#site-search');
  await page.type('#site-search', text);
  // The results say which query they answer: wait for this one, not a prefix typed before it.
  await page.waitForFunction(
    (q) => document.querySelector<HTMLElement>('#site-search-results')?.dataset.q === q,
    { timeout: 20_000 },
    text.trim().toLowerCase(),
  );
  return page.$$eval('#site-search-results a', (links) =>
    links.map((a) => ({
      text: a.firstChild?.textContent ?? '',
      sub: a.querySelector('.sub')?.textContent ?? '',
      href: (a as HTMLAnchorElement).href,
    })),
  );
}

async function choose(page: Page, filter: string, label: string): Promise<void> {
  const value = await page.$eval(
    `select[data-filter-for="${filter}"]`,
    (s, wanted) => [...(s as HTMLSelectElement).options].find((o) => o.text === wanted)?.value,
    label,
  );
  expect(value, `${filter} has an option ${label}`).toBeDefined();
  await page.select(`select[data-filter-for="${filter}"]`, value!);
}

async function countText(page: Page, before: string): Promise<string> {
  await page.waitForFunction(
    (b) => {
      const t = document.querySelector('.table-count')?.textContent ?? '';
      return t !== b && !t.includes('…');
    },
    { timeout: 20_000 },
    before,
  );
  return page.$eval('.table-count', (e) => e.textContent ?? '');
}

const columnTexts = (page: Page, col: number) =>
  page.$$eval(
    'table[data-table] tbody tr',
    (rows, c) => rows.map((r) => (r as HTMLTableRowElement).cells[c]?.textContent?.trim() ?? ''),
    col,
  );

describe.skipIf(!chrome)('the site script in Chromium (20,000 devices)', () => {
  beforeAll(async () => {
    assertBuilt();
    const dir = await scratch('site-script');
    const fleet = join(dir, 'fleet.json');
    const out = createWriteStream(fleet);
    // Few findings per device: the pages, lists and index are as many as with fifty.
    for (const chunk of writeLargeSnapshotChunks({ devices: DEVICES, findingsPerDevice: 4 }))
      if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    site = join(dir, 'site');
    const hostile = handSnapshot({ deviceName: SCRIPT_BREAKER });
    hostile.devices.push({ id: 'u1', name: UNICODE, group: 'Web', os: 'Debian 12' });
    hostile.findings.push({
      device: 'u1',
      weakness: 'CVE-2026-0002',
      software: { vendor: 'acme', product: 'tls', version: '1.0' },
      fixedVersion: '1.1',
    });
    await writeJson(join(dir, 'hostile.json'), hostile);
    hostileSite = join(dir, 'hostile');
    const [big, small] = await Promise.all([
      exposure(['report', fleet, '--out', site, '--quiet']),
      exposure(['report', join(dir, 'hostile.json'), '--out', hostileSite, '--quiet']),
    ]);
    expect(big.stderr).toBe('');
    expect(big.code).toBe(0);
    expect(small.code).toBe(0);
    doc = JSON.parse(await readFile(join(site, 'exposure.json'), 'utf8')) as Doc;
    expect(doc.devices.items).toHaveLength(DEVICES);
    browser = await puppeteer.launch({
      executablePath: chrome!,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the search index small', async () => {
    const bytes = (await stat(join(site, 'search-index.js'))).size;
    // About 70 bytes a device at 20,000 devices; loaded once, on first use of the box.
    expect(bytes).toBeLessThan(2_000_000);
  });

  it('finds a device by name and by id, and opens its page', async () => {
    const target = doc.devices.items[12_345]!;
    const page = await open('devices/page-7.html');
    const found = await search(page, target.name);
    expect(found[0]?.text).toBe(target.name);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(target.name);
    const again = await open('index.html');
    const byId = await search(again, target.id);
    expect(byId.map((r) => r.text)).toContain(target.name);
    await page.close();
    await again.close();
  });

  it('finds a weakness and a recommendation, linked to the recommendation page', async () => {
    const rec = doc.recommendations[3]!;
    const weakness = rec.weaknesses[rec.weaknesses.length - 1]!;
    const page = await open('recommendations.html');
    const found = await search(page, weakness);
    const hit = found.find((r) => r.text === weakness && r.sub === rec.title);
    expect(hit).toBeDefined();
    await page.goto(hit!.href);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(rec.title);
    const anchor = new URL(hit!.href).hash.slice(1);
    expect(await page.$eval(`[id="${anchor}"] .id`, (e) => e.textContent)).toBe(weakness);
    const other = await open('index.html');
    const recs = await search(other, rec.title);
    expect(recs.map((r) => r.text)).toContain(rec.title);
    await page.close();
    await other.close();
  });

  it('filters the whole device list by level and group, and sorts it', async () => {
    const page = await open('devices/index.html');
    await choose(page, 'level', 'low');
    let text = await countText(page, '');
    const low = doc.devices.items.filter((d) => d.level === 'low');
    expect(text).toContain(`of ${low.length.toLocaleString('en')} matching devices`);
    expect(new Set(await columnTexts(page, 2))).toEqual(new Set(['low']));
    // The pagers describe the unfiltered pages: hidden while the list is the fleet's.
    expect(await page.$$eval('.pagination', (p) => p.every((e) => (e as HTMLElement).hidden))).toBe(
      true,
    );
    const group = low[0]!.group!;
    await choose(page, 'group', group);
    text = await countText(page, text);
    const both = low.filter((d) => d.group === group);
    expect(text).toContain(`of ${both.length.toLocaleString('en')} matching devices`);
    expect(new Set(await columnTexts(page, 4))).toEqual(new Set([group]));
    // Sort by name, A to Z: the first rows are the fleet's first names of that level and group.
    await page.click('th[data-col="name"] button');
    await page.waitForSelector('th[data-col="name"][aria-sort="ascending"]');
    const names = await page.$$eval('tbody th a', (as) =>
      as.slice(0, 20).map((a) => a.textContent ?? ''),
    );
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const expected = both.map((d) => d.name).sort(collator.compare);
    expect(names).toEqual(expected.slice(0, 20));
    expect([...names].sort(collator.compare)).toEqual(names);
    // Every row still links to an existing device page.
    const hrefs = await page.$$eval('tbody a', (as) =>
      as.slice(0, 20).map((a) => (a as HTMLAnchorElement).href),
    );
    for (const href of hrefs) expect(existsSync(fileURLToPath(href))).toBe(true);
    await page.click('.table-reset');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 200);
    expect(await page.$$eval('.pagination', (p) => p.some((e) => (e as HTMLElement).hidden))).toBe(
      false,
    );
    await page.close();
  });

  it('filters the recommendations by threat', async () => {
    const page = await open('recommendations.html');
    await choose(page, 'threats', 'Known exploited');
    const text = await countText(page, '');
    const kev = doc.recommendations.filter((r) => r.threats.kev > 0);
    expect(text).toBe(`${kev.length} of ${doc.recommendations.length} rows shown.`);
    expect((await columnTexts(page, 1)).sort()).toEqual(kev.map((r) => r.title).sort());
    await page.close();
  });

  it('works in Dutch too', async () => {
    // The same fleet in Dutch would be a second 20,000-device run: the small site is enough.
    const nl = join(hostileSite, '..', 'nl');
    const r = await exposure([
      'report',
      join(hostileSite, '..', 'hostile.json'),
      '--out',
      nl,
      '--lang',
      'nl',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const page = await open('devices/index.html', nl);
    expect(await page.$eval('#site-search', (e) => e.getAttribute('placeholder'))).toContain(
      'Apparaat',
    );
    // The level names of this small fleet, in Dutch, as the options of the level filter.
    const levels = await page.$$eval('select[data-filter-for="level"] option', (o) =>
      o.map((x) => x.textContent),
    );
    expect(levels[0]).toBe('Alle');
    expect(levels.slice(1).every((l) => ['hoog', 'gemiddeld', 'laag', 'geen'].includes(l!))).toBe(
      true,
    );
    await choose(page, 'level', levels[1]!);
    expect(await countText(page, '')).toMatch(/^\d+ van \d+ rijen getoond\.$/);
    await page.close();
  });

  it('keeps hostile names as text in results, with links that resolve', async () => {
    const page = await open('index.html', hostileSite);
    const found = await search(page, '</script>');
    expect(found.map((r) => r.text)).toContain(SCRIPT_BREAKER);
    expect(await page.$$('#site-search-results img')).toHaveLength(0);
    for (const r of found) expect(existsSync(fileURLToPath(r.href.split('#')[0]!))).toBe(true);
    await page.click('#site-search', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    const unicode = await search(page, 'straße');
    expect(unicode[0]?.text).toBe(UNICODE);
    expect(existsSync(fileURLToPath(unicode[0]!.href))).toBe(true);
    await page.close();
  });

  it('leaves every page complete with JavaScript off', async () => {
    for (const path of ['devices/index.html', 'devices/page-100.html', 'recommendations.html']) {
      const page = await open(path, site, false);
      expect(await page.$('#site-search')).toBeNull();
      expect(await page.$('.table-tools')).toBeNull();
      const rows = await page.$$eval('tbody tr', (r) => r.length);
      expect(rows).toBeGreaterThan(0);
      if (path.startsWith('devices/')) {
        expect(rows).toBe(200);
        expect(await page.$$eval('.pagination a', (a) => a.length)).toBeGreaterThan(10);
      }
      // Nothing visible is hidden: every row is laid out.
      expect(
        await page.$$eval('tbody tr', (r) => r.every((e) => (e as HTMLElement).offsetHeight > 0)),
      ).toBe(true);
      await page.close();
    }
    // A recommendation on thousands of devices lists them all on its paged lists.
    const rec = doc.recommendations.find((r) => r.exposedDevices > 100)!;
    const page = await open('recommendations.html', site, false);
    const href = await page.$$eval(
      'tbody th a',
      (as, title) => as.find((a) => a.textContent === title)?.getAttribute('href'),
      rec.title,
    );
    await page.goto(pathToFileURL(join(site, href!)).href);
    const list = await page.$eval('.more-devices a', (a) => (a as HTMLAnchorElement).href);
    await page.goto(list);
    expect(await page.$$eval('tbody tr', (r) => r.length)).toBeGreaterThan(0);
    await page.close();
  });

  it('reported no CSP violation, console error or exception', () => {
    expect(problems).toEqual([]);
  });
});
