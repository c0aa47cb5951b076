import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, scratch } from './helpers.js';

/** The same places the CLI looks (TOOLCHAIN.md): explicit variables, then Debian's paths. */
const chrome = [
  process.env.CHROME_PATH,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
]
  .filter((p): p is string => typeof p === 'string' && p !== '')
  .find((p) => existsSync(p));

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function pdfText(file: string): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({
    data: new Uint8Array(await readFile(file)),
    useSystemFonts: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { text: pages.join('\n').replace(/\s+/g, ' '), pages: pdf.numPages };
}

describe.skipIf(!chrome)('exposure report --pdf (built CLI, Chromium)', () => {
  let dir: string;
  let doc: { organization: string; score: number; display: number };
  beforeAll(async () => {
    assertBuilt();
    dir = await scratch('pdf');
    const r = await exposure([
      'report',
      '--out',
      join(dir, 'site'),
      '--pdf',
      '--chrome',
      chrome!,
      '--classification',
      'Confidential',
      '--quiet',
    ]);
    expect(r.stderr.replace(/^.*chromium.*warning.*$/gim, '').trim()).toBe('');
    expect(r.code).toBe(0);
    doc = JSON.parse(await readFile(join(dir, 'site', 'exposure.json'), 'utf8')) as typeof doc;
  }, 180_000);

  it('writes report.pdf inside the site, with the organization, the score and page numbers', async () => {
    const file = join(dir, 'site', 'report.pdf');
    expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(file);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(text).toContain(doc.organization);
    expect(text).toContain('Page 1 of');
    expect(text).toMatch(
      new RegExp(`\\b(${doc.score.toFixed(2)}|${doc.score.toFixed(1)}|${doc.display})\\b`),
    );
  });

  it.skipIf(!hasPdftotext)('reads the same through pdftotext (poppler-utils)', () => {
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'site', 'report.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(doc.organization);
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it.skipIf(!hasPdftotext)(
    '--pdf-detail full (the default): cover, contents with the right pages, classification on every page, complete appendix',
    async () => {
      const file = join(dir, 'site', 'report.pdf');
      const doc = JSON.parse(await readFile(join(dir, 'site', 'exposure.json'), 'utf8')) as {
        model: string;
        recommendations: Array<{ title: string }>;
        weaknesses: Array<{ id: string }>;
        devices: { items: Array<{ name: string; level: string }> };
      };
      const pages = pdftotextPages(file);
      for (const [i, page] of pages.entries())
        expect(page, `page ${i + 1}`).toMatch(
          /Confidential[\s\S]*Page \d+ of \d+|Page \d+ of \d+[\s\S]*Confidential/,
        );
      const cover = pages[0]!;
      for (const fact of [
        'Scope',
        'Period covered',
        'Generated',
        'Model version',
        doc.model,
        'CONFIDENTIAL',
      ])
        expect(cover).toContain(fact);
      const entries = contentsEntries(file);
      expect(entries.map((e) => e.title)).toEqual([
        'Executive summary',
        'Findings by severity and threat',
        'Top security recommendations',
        'Spikes explained',
        'Groups',
        'Inputs and scope',
        'Appendix A: all recommendations',
        'Appendix B: weaknesses and advisories',
        'Methodology',
      ]);
      expectContentsRight(pages, entries);
      // Every recommendation, every device at high exposure and every weakness, not a top few.
      const flat = pages.join(' ').replace(/\s+/g, ' ');
      for (const rec of doc.recommendations) expect(flat).toContain(rec.title);
      const high = doc.devices.items.filter((d) => d.level === 'high');
      expect(high.length).toBeGreaterThan(25);
      for (const d of high) expect(flat).toContain(d.name);
      for (const w of doc.weaknesses) expect(flat).toContain(w.id);
      expect(flat).toContain('nvd.nist.gov/vuln/detail/');
    },
  );
});

/** pdftotext's text of each page (it ends every page with a form feed). */
function pdftotextPages(file: string): string[] {
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** The contents page's entries: "Title … 12" lines, read with the layout kept. */
function contentsEntries(file: string): Array<{ title: string; page: number }> {
  const text = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], {
    encoding: 'utf8',
  });
  return [...text.matchAll(/^\s*(\S.*?\S)\s{2,}(\d+)\s*$/gm)]
    .map((m) => ({ title: m[1]!, page: Number(m[2]) }))
    .filter((e) => !/^Page \d/.test(e.title) && !e.title.startsWith('Confidential'));
}

/** Each entry's heading is a line of its own on that page, and on no page before it. */
function expectContentsRight(pages: string[], entries: Array<{ title: string; page: number }>) {
  const headingOn = (i: number, title: string) =>
    pages[i - 1]!.split('\n').some((line) => line.trim() === title);
  for (const { title, page } of entries) {
    expect(headingOn(page, title), `"${title}" on page ${page}`).toBe(true);
    for (let i = 3; i < page; i++)
      expect(headingOn(i, title), `"${title}" on page ${i}`).toBe(false);
  }
}

describe.skipIf(!chrome || !hasPdftotext)('exposure report --pdf-detail summary', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await scratch('pdf-audit');
  });

  it('--pdf-detail summary: about five pages, contents right, the same bytes twice', async () => {
    const run = (out: string) =>
      exposure([
        'report',
        '--out',
        join(dir, out),
        '--pdf',
        '--pdf-detail',
        'summary',
        '--chrome',
        chrome!,
        '--quiet',
      ]);
    expect((await run('s1')).code).toBe(0);
    expect((await run('s2')).code).toBe(0);
    const file = join(dir, 's1', 'report.pdf');
    const pages = pdftotextPages(file);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(6);
    const entries = contentsEntries(file);
    expect(entries.map((e) => e.title)).toEqual([
      'Executive summary',
      'Findings by severity and threat',
      'Top security recommendations',
      'Inputs and scope',
    ]);
    expectContentsRight(pages, entries);
    // Without --classification no classification line is printed.
    expect(pages.join('\n')).not.toContain('Confidential');
    // The PDF's dates come from the data (as of), not the clock: the bytes are the same.
    const [a, b] = await Promise.all([readFile(file), readFile(join(dir, 's2', 'report.pdf'))]);
    expect(Buffer.compare(a, b)).toBe(0);
  }, 180_000);
});
