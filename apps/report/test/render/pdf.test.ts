import { describe, expect, it } from 'vitest';
import { findChrome, printPdf, renderPrintHtml } from '../../src/render/index.js';
import { makeInput } from './fixture.js';

async function pdfText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: pdf.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

const chrome = findChrome();

describe.skipIf(!chrome)('printPdf (with an installed Chromium)', () => {
  it('prints a tagged PDF with the organization, page numbers and the score as text', async () => {
    const input = makeInput({ hostile: true });
    const html = await renderPrintHtml(input, { paper: 'a4' });
    const pdf = await printPdf(html, {
      chromePath: chrome!,
      paper: 'a4',
      organization: input.document.organization!,
      asOf: input.document.asOf,
      lang: 'en',
    });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const text = await pdfText(pdf);
    // The hostile organization name is printed as text, not interpreted.
    expect(text).toContain('Contoso <script>alert(1)</script>');
    expect(text).toContain('Page 1 of');
    expect(text).toContain('45');
    expect(text).toContain('Exposure score');
    expect(text).toContain('Executive summary');
    expect(text).toContain('Methodology');
  }, 60_000);

  it('prints Dutch on letter paper', async () => {
    const input = makeInput({ lang: 'nl' });
    const html = await renderPrintHtml(input, { paper: 'letter' });
    const pdf = await printPdf(html, {
      chromePath: chrome!,
      paper: 'letter',
      organization: 'Contoso',
      asOf: input.document.asOf,
      lang: 'nl',
    });
    const text = await pdfText(pdf);
    expect(text).toContain('Pagina 1 van');
    expect(text).toContain('Blootstellingsscore');
    expect(text).toContain('Stand van 1 november 2026');
  }, 60_000);
});

describe('findChrome', () => {
  it('prefers an explicit path, then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findChrome('/opt/my/chrome', {})).toBe('/opt/my/chrome');
    expect(findChrome(undefined, { CHROME_PATH: process.execPath })).toBe(process.execPath);
    expect(
      findChrome(undefined, {
        CHROME_PATH: '/no/such/file',
        PUPPETEER_EXECUTABLE_PATH: process.execPath,
      }),
    ).toBe(process.execPath);
  });
});
