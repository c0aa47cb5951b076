/**
 * The site's script and search index (issue 11, item 5): what the renderer gives the script
 * (data attributes, the index, the labels), that untrusted names stay inert in all of it, and
 * that every page is complete without the script.
 */
import { runInNewContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { renderSite, siteFileCount, slugify, type SiteFile } from '../../src/render/index.js';
import type { RenderInput } from '../../src/render/index.js';
import { makeInput } from './fixture.js';
import { checkLinks } from './link-check.js';

const SCRIPT_BREAKER = '</script><img src=x onerror=alert(1)>';

function content(files: SiteFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file || typeof file.content !== 'string') throw new Error(`no ${path}`);
  return file.content;
}

interface Index {
  v: number;
  groups: string[];
  os: string[];
  d: Array<[string, string | 0, string, number, number, number, number, number, number]>;
  r: Array<[string, string, string]>;
  w: Array<[string, number, number]>;
  g: Array<[string, string]>;
}

/** Runs search-index.js as a browser would, in a context with only `window`. */
function readIndex(files: SiteFile[]): Index {
  const window: Record<string, unknown> = {};
  runInNewContext(content(files, 'search-index.js'), { window });
  return window.EXPOSURE_SEARCH_INDEX as Index;
}

/** The fixture with a device named to break out of a script element, and more devices. */
function hostileInput(options: { lang?: 'en' | 'nl'; extraDevices?: number } = {}): RenderInput {
  const input = makeInput({ hostile: true, ...options });
  return {
    ...input,
    document: {
      ...input.document,
      devices: {
        ...input.document.devices,
        items: input.document.devices.items.map((d) =>
          d.id === 'd1' ? { ...d, name: SCRIPT_BREAKER } : d,
        ),
      },
    },
  };
}

/** The fixture with its first recommendation on `extra` more devices than the page lists. */
function wideInput(extra: number, lang: 'en' | 'nl' = 'en'): RenderInput {
  const input = makeInput({ extraDevices: extra, lang });
  const widen = <R extends { id: string; devices: string[]; exposedDevices: number }>(r: R): R => {
    if (r.id !== 'software/tukaani/xz') return r;
    const devices = [...r.devices, ...Array.from({ length: extra }, (_, i) => `x${i}`)];
    return { ...r, devices, exposedDevices: devices.length };
  };
  return {
    ...input,
    document: { ...input.document, recommendations: input.document.recommendations.map(widen) },
  };
}

describe('the search index', () => {
  it('lists every device, recommendation, weakness and group, with the pages they are on', async () => {
    const input = makeInput({ extraDevices: 5 });
    const files = await renderSite(input);
    const index = readIndex(files);
    const paths = new Set(files.map((f) => f.path));
    expect(index.d).toHaveLength(input.document.devices.items.length);
    for (const [name, id0, hash, display, level] of index.d) {
      const id = id0 === 0 ? name : id0;
      const hex = Buffer.from(hash, 'base64url').toString('hex');
      // The script rebuilds the page name as slugify does: readable part + this sha256.
      expect(slugify(id).endsWith(`-${hex}`) || slugify(id) === hex).toBe(true);
      expect(paths.has(`devices/${slugify(id)}.html`)).toBe(true);
      const device = input.document.devices.items.find((d) => d.id === id)!;
      expect([display, ['none', 'low', 'medium', 'high'][level]]).toEqual([
        device.display,
        device.level,
      ]);
    }
    // Most exposed first: the position is the exposure order the tables sort by.
    expect(index.d.map((d) => d[3])).toEqual([...index.d.map((d) => d[3])].sort((a, b) => b - a));
    expect(index.r.map((r) => r[1])).toEqual(['software/tukaani/xz', 'configuration/CIS-1.1.1']);
    for (const [weakness, rec, pos] of index.w) {
      const [, recId, hash] = index.r[rec]!;
      expect(Buffer.from(hash, 'base64url').toString('hex')).toBe(slugify(recId).slice(-64));
      // The anchor the result links to is the weakness's row on the recommendation page.
      const page = content(files, `recommendations/${slugify(recId)}.html`);
      expect(page).toMatch(new RegExp(`<tr id="w-${pos}">[^]*?<span class="id">${weakness}<`));
    }
    for (const [, file] of index.g) expect(paths.has(`groups/${file}`)).toBe(true);
  });

  it('keeps a device named to end a script element inert, and its name exact', async () => {
    const files = await renderSite(hostileInput());
    const text = content(files, 'search-index.js');
    expect(text).not.toMatch(/[<>]/);
    expect(text.startsWith('window.EXPOSURE_SEARCH_INDEX={')).toBe(true);
    expect(readIndex(files).d.map((d) => d[0])).toContain(SCRIPT_BREAKER);
    // The script's own data (labels, groups, OS) is inert the same way and still JavaScript.
    const script = content(files, 'assets/report.js');
    expect(script).not.toMatch(/<\/?script|<img/i);
    expect(() => new Script(script)).not.toThrow();
    // In the pages, the name is text.
    for (const f of files.filter((x) => x.path.endsWith('.html')))
      expect(f.content as string).not.toContain('<img src=x');
    expect(content(files, 'devices/index.html')).toContain(
      '&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
    );
  });

  it('is byte-identical for the same input', async () => {
    const a = content(await renderSite(hostileInput()), 'search-index.js');
    const b = content(await renderSite(hostileInput()), 'search-index.js');
    expect(b).toBe(a);
  });
});

describe('the script', () => {
  it('is one file that writes no markup and evaluates no strings', async () => {
    const script = content(await renderSite(makeInput()), 'assets/report.js');
    for (const banned of [
      /\beval\(/,
      /new Function/,
      /innerHTML/,
      /outerHTML/,
      /insertAdjacentHTML/,
      /document\.write/,
      /setTimeout\(['"`]/,
      /https?:\/\//,
      /\bfetch\(/,
    ])
      expect(script).not.toMatch(banned);
  });

  it('carries its labels in the report language', async () => {
    const nl = content(await renderSite(makeInput({ lang: 'nl' })), 'assets/report.js');
    expect(nl).toContain('"lang":"nl"');
    expect(nl).toContain('"searchLabel":"Zoeken in het rapport"');
    expect(nl).toContain('"Actief misbruikt"');
    expect(nl).not.toContain('Search the report');
    const en = content(await renderSite(makeInput()), 'assets/report.js');
    expect(en).toContain('"searchLabel":"Search the report"');
  });
});

describe('table data for the script', () => {
  it('gives device rows raw sort keys and marks the sortable and filterable columns', async () => {
    const files = await renderSite(makeInput({ extraDevices: 400 }));
    const list = content(files, 'devices/index.html');
    // Paged over three files: the script filters the whole fleet from the index.
    expect(list).toContain(
      '<table class="data device-table" data-table="devices" data-fleet="404">',
    );
    for (const col of ['level', 'group', 'os'])
      expect(list).toMatch(
        new RegExp(`<th scope="col" data-col="${col}" data-sort="[a-z]+" data-filter>`),
      );
    expect(list).toContain(
      '<td class="num" data-v="93.5">94</td><td data-v="3"><span class="level level-high">high</span></td><td class="num" data-v="2">2</td>',
    );
    // A group page holds all of its devices: the script filters them in place.
    const group = files.find((f) => f.path.startsWith('groups/') && f.path.includes('ungrouped'))!;
    expect(group.content as string).toContain('data-table="devices">');
  });

  it('gives recommendation rows their kind and threats', async () => {
    const files = await renderSite(makeInput());
    const recs = content(files, 'recommendations.html');
    expect(recs).toContain('data-table="recommendations" data-row-filters="kind threats"');
    expect(recs).toContain('<tr data-kind="software" data-threats="alert kev weaponized">');
    expect(recs).toContain('<tr data-kind="configuration" data-threats="">');
    expect(recs).toContain(
      '<td class="num impact" data-v="40.2" data-label="Exposure impact">−40.20</td>',
    );
  });
});

describe('every device of a recommendation', () => {
  it('is on its paged device lists, each once, linked from the recommendation page', async () => {
    const input = wideInput(620);
    const files = await renderSite(input);
    const rec = input.document.recommendations[0]!;
    const slug = slugify(rec.id);
    const lists = files.filter((f) => f.path.startsWith(`recommendations/${slug}-devices`));
    expect(lists.map((f) => f.path).sort()).toEqual([
      `recommendations/${slug}-devices-2.html`,
      `recommendations/${slug}-devices.html`,
    ]);
    const page = content(files, `recommendations/${slug}.html`);
    expect(page).toContain(
      `<a href="${slug}-devices.html">All 622 exposed devices (2 pages of up to 500)</a>`,
    );
    expect(page).toContain('And 522 more devices.');
    const linked = lists.flatMap((f) =>
      [
        ...(f.content as string).matchAll(
          /<th scope="row" class="name"><a href="\.\.\/devices\/([^"]+)\.html"/g,
        ),
      ].map((m) => m[1]),
    );
    expect(linked).toHaveLength(rec.devices.length);
    expect(new Set(linked)).toEqual(new Set(rec.devices.map((id) => slugify(id))));
    expect(content(files, `recommendations/${slug}-devices-2.html`)).toContain(
      `href="${slug}-devices.html" rel="prev"`,
    );
    expect(checkLinks(files)).toEqual([]);
    expect(siteFileCount(input.document)).toBe(files.length);
  });

  it('needs no list when the recommendation page shows them all', async () => {
    const files = await renderSite(makeInput());
    expect(files.filter((f) => /-devices(-\d+)?\.html$/.test(f.path))).toEqual([]);
  });

  it('matches the golden device list, en and nl', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const files = await renderSite(wideInput(101, lang));
      const slug = slugify('software/tukaani/xz');
      await expect(content(files, `recommendations/${slug}-devices.html`)).toMatchFileSnapshot(
        `__golden__/rec-devices-xz.${lang}.html`,
      );
    }
  });
});

describe('without JavaScript', () => {
  it('every page is complete: nothing hidden, nothing left for a script to fill in', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const input = wideInput(450, lang);
      const files = await renderSite(input);
      const html = files.filter((f) => f.path.endsWith('.html'));
      for (const f of html) {
        const page = f.content as string;
        expect(page, f.path).not.toMatch(
          /\shidden[\s>=]|aria-hidden="true"[^>]*>[^<]*\w|<noscript|<template/,
        );
        expect(page, f.path).toMatch(/<\/main>\s*<footer/);
      }
      // Every device is in the static device list, every recommendation on its page.
      const listed = html
        .filter((f) => /^devices\/(index|page-\d+)\.html$/.test(f.path))
        .flatMap((f) =>
          [
            ...(f.content as string).matchAll(
              /<th scope="row" class="name"><a href="([^"]+)\.html">/g,
            ),
          ].map((m) => m[1]),
        );
      expect(new Set(listed)).toEqual(
        new Set(input.document.devices.items.map((d) => `../devices/${slugify(d.id)}`)),
      );
      const recs = content(files, 'recommendations.html');
      for (const r of input.document.recommendations)
        expect(recs).toContain(`href="recommendations/${slugify(r.id)}.html"`);
    }
  });

  it('the stylesheet hides nothing on screen but the elements the script adds', async () => {
    const css = content(await renderSite(makeInput()), 'assets/report.css');
    // Outside print, only the script's own elements are ever display: none.
    const screen = css
      .replace(/\/\*[^]*?\*\//g, '')
      .replace(/@media print\s*\{(?:[^{}]*\{[^}]*\})*\s*\}/g, '');
    const screenHiding = [...screen.matchAll(/([^{}]+)\{[^}]*display:\s*none/g)].map((m) =>
      m[1]!.trim(),
    );
    for (const selector of screenHiding)
      // .toc-marker: the PDF's empty section markers (render/pdf-contents.ts), no content.
      expect(selector.split(/\s*,\s*/).every((s) => /^\.(search|table-|toc-marker$)/.test(s))).toBe(
        true,
      );
  });
});
