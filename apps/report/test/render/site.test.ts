import { describe, expect, it } from 'vitest';
import {
  renderPrintHtml,
  renderSite,
  siteFileCount,
  type SiteFile,
} from '../../src/render/index.js';
import { makeInput } from './fixture.js';
import { checkLinks } from './link-check.js';

function byPath(files: SiteFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file || typeof file.content !== 'string') throw new Error(`no ${path}`);
  return file.content;
}

describe('renderSite', () => {
  it('matches the golden index, device page and recommendation page', async () => {
    const files = await renderSite(makeInput());
    await expect(byPath(files, 'index.html')).toMatchFileSnapshot('__golden__/index.html');
    const device = files.find((f) => f.path.startsWith('devices/d1-'))!;
    await expect(device.content).toMatchFileSnapshot('__golden__/device-d1.html');
    const rec = files.find((f) => f.path.startsWith('recommendations/software-tukaani-xz-'))!;
    await expect(rec.content).toMatchFileSnapshot('__golden__/recommendation-xz.html');
    const trendSvg = byPath(files, 'index.html').match(
      /<svg [^>]*aria-labelledby="trend-title[\s\S]*?<\/svg>/,
    )?.[0];
    expect(trendSvg).toBeDefined();
    await expect(trendSvg).toMatchFileSnapshot('__golden__/trend.svg');
  });

  it('produces every page the report needs', async () => {
    const files = await renderSite(makeInput());
    const paths = files.map((f) => f.path);
    for (const p of [
      'index.html',
      'recommendations.html',
      'changes.html',
      'methodology.html',
      'devices/index.html',
      'assets/report.css',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => /^recommendations\/.+\.html$/.test(p))).toHaveLength(2);
    expect(paths.filter((p) => /^devices\/(?!index|page-).+\.html$/.test(p))).toHaveLength(4);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('counts its files in advance, for the progress bar', async () => {
    for (const extraDevices of [0, 400]) {
      const input = makeInput({ extraDevices });
      expect(siteFileCount(input.document)).toBe((await renderSite(input)).length);
    }
  });

  it('paginates the device list 200 per page, most exposed first', async () => {
    const files = await renderSite(makeInput({ extraDevices: 400 }));
    const paths = files.map((f) => f.path);
    expect(paths).toContain('devices/page-2.html');
    expect(paths).toContain('devices/page-3.html');
    expect(paths).not.toContain('devices/page-4.html');
    const first = byPath(files, 'devices/index.html');
    expect(first.indexOf('web-01')).toBeLessThan(first.indexOf('laptop-7'));
    expect(first).toContain('href="page-2.html"');
    expect(byPath(files, 'devices/page-3.html')).toContain('href="page-2.html" rel="prev"');
  });

  it('links only to files it produces, relatively', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const files = await renderSite(makeInput({ hostile: true, lang, extraDevices: 250 }));
      expect(checkLinks(files)).toEqual([]);
    }
  });

  it('the link checker catches what it should', () => {
    const files: SiteFile[] = [
      {
        path: 'index.html',
        content:
          '<a href="missing.html">x</a><a href="https://cdn.example/x.js">y</a><a href="../out.html">z</a><a href="/abs.html">w</a><a href="#top">ok</a>',
      },
    ];
    expect(checkLinks(files).map((b) => b.problem)).toEqual([
      'no such file',
      'not relative',
      'leaves the site',
      'absolute path',
    ]);
  });

  it('is self-contained: a strict CSP, no remote resources, one self-hosted script', async () => {
    const files = await renderSite(makeInput({ hostile: true }));
    for (const f of files.filter((x) => x.path.endsWith('.html'))) {
      const html = f.content as string;
      expect(html).toContain(
        `content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"`,
      );
      expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
      // The one script, by address: nothing inline, no event handler attributes.
      const root = f.path.includes('/') ? '../' : '';
      expect(html.match(/<script\b[^>]*>/gi)).toEqual([
        `<script src="${root}assets/report.js" defer>`,
      ]);
      expect(html).toMatch(/<script [^>]*><\/script>/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/\sstyle="/);
    }
    expect(byPath(files, 'assets/report.css')).not.toMatch(/url\(|@import|https?:/);
  });

  it('renders the same input to byte-identical files', async () => {
    const a = await renderSite(makeInput({ hostile: true }));
    const b = await renderSite(makeInput({ hostile: true }));
    expect(b).toEqual(a);
    const p1 = await renderPrintHtml(makeInput({ lang: 'nl' }), { paper: 'letter' });
    const p2 = await renderPrintHtml(makeInput({ lang: 'nl' }), { paper: 'letter' });
    expect(p2).toBe(p1);
    // Advisory links are printed as links for the PDF's reader to follow; nothing loads them.
    const withoutLinks = p1.replace(/<a href="https:\/\/[^"]*">[^<]*<\/a>/g, '');
    expect(withoutLinks).not.toMatch(/<link |<script|https?:\/\/(?!www\.w3\.org\/)/);
  });

  it('writes change sentences from the step kinds, spikes first', async () => {
    const files = await renderSite(makeInput());
    const changes = byPath(files, 'changes.html');
    expect(changes).toContain(
      '+21.7 on October 15, 2026: CVE-2024-3094 (known exploited) appeared on 96 devices (newly published)',
    );
    expect(changes).toContain('CVE-2023-0001 remediated on 3 devices');
    expect(changes.indexOf('+21.7 on')).toBeLessThan(changes.indexOf('+3.5 on'));
  });

  it('puts the model constants, feeds and input digest on the methodology page', async () => {
    const files = await renderSite(makeInput());
    const m = byPath(files, 'methodology.html');
    expect(m).toContain('exposure-model/2');
    expect(m).toContain('sha256:0123456789abcdef');
    expect(m).toContain('2026.10.30');
    expect(m).toContain('0.005');
    expect(m).toContain('D = 100 × (1 − ∏ (1 − r))');
  });
});
