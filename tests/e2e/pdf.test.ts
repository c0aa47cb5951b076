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
});
