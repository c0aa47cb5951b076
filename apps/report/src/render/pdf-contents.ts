/**
 * The contents page's page numbers. Chromium prints without CSS `target-counter()`, so the
 * numbers are read back from a print. The print HTML marks each contents entry
 * (`data-toc-title`, the exact text of its section's `<h1>`, and a link to the section's id) and
 * leaves a fixed-width slot for its number (`data-toc-page`).
 *
 * 1. A quick draft print, untagged (tagging a large report costs more than laying it out), with
 *    a marker text at the top of each section (`.toc-marker`, a float of no size shown only under
 *    `html.toc-draft`): it takes no room, so the layout is the final one, and pdf.js finds the
 *    page each marker is on. Under `html.toc-draft` everything but the markers is
 *    `visibility: hidden` and the draft has no header, footer or backgrounds: none of these moves
 *    anything (the margins are the final ones), and pdf.js then reads a few words per page
 *    instead of a hundred pages of text, which took longer than the print itself.
 * 2. The markers are hidden again, the slots are filled (their width is fixed, so nothing moves) and the final
 *    print is tagged, with its outline (bookmarks) of the headings.
 * 3. The final print's outline is checked against the numbers shown; a layout that did move is
 *    printed once more with the outline's numbers, and refused if it still does not hold, rather
 *    than printed with wrong numbers.
 *
 * This needs no tool on the user's machine beyond the Chromium that prints: pdf.js is a
 * dependency, and reading text and an outline needs neither a canvas nor fonts.
 */
import type { Page } from 'puppeteer-core';

export interface OutlineEntry {
  title: string;
  /** 1-based. */
  page: number;
}

interface PdfOutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: PdfOutlineNode[];
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * pdf.js builds a DOMMatrix when its module loads; Node has none (pdf.js looks for the optional
 * native @napi-rs/canvas, which a bundle such as the VS Code extension's does not carry). Reading
 * an outline draws nothing, so a bare matrix is enough for the load; the global is put back at
 * once, so nothing else in the process (an extension host) sees it.
 */
async function loadPdfjs() {
  const g = globalThis as { DOMMatrix?: unknown };
  if (g.DOMMatrix !== undefined) return import('pdfjs-dist/legacy/build/pdf.mjs');
  g.DOMMatrix = class {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  };
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    delete g.DOMMatrix;
  }
}

async function openPdf(pdf: Uint8Array) {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given.
    data: pdf.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    // Errors only: its warnings would go to the CLI's stdout.
    verbosity: 0,
  }).promise;
}

/** The PDF's outline in document order (depth first), with each entry's page. */
export async function readOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await openPdf(pdf);
  try {
    const out: OutlineEntry[] = [];
    const walk = async (nodes: readonly PdfOutlineNode[] | null): Promise<void> => {
      for (const node of nodes ?? []) {
        const dest =
          typeof node.dest === 'string' ? await doc.getDestination(node.dest) : node.dest;
        const ref = Array.isArray(dest) ? dest[0] : undefined;
        if (ref && typeof ref === 'object')
          out.push({
            title: normalize(node.title),
            page: (await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0])) + 1,
          });
        await walk(node.items);
      }
    };
    await walk((await doc.getOutline()) as PdfOutlineNode[] | null);
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Marker text of contents entry `i` in the draft print (letters and digits: any font has them). */
export const marker = (i: number) => `TOCMARK${i}X`;
const MARKER = /TOCMARK(\d+)X/g;

/** The page (1-based) of each of `count` markers; throws when one is not found. */
export async function markerPages(pdf: Uint8Array, count: number): Promise<number[]> {
  const doc = await openPdf(pdf);
  try {
    const pages = new Array<number>(count).fill(0);
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
      for (const m of text.matchAll(MARKER)) {
        const i = Number(m[1]);
        if (i < count && pages[i] === 0) pages[i] = p;
      }
    }
    const missing = pages.findIndex((p) => p === 0);
    if (missing >= 0) throw new Error(`the contents marker ${missing} is not in the draft print`);
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * The page of each contents entry: the first outline entry with its title after the previous
 * entry's, so two sections of the same name resolve in order. Throws when one is missing: a
 * contents line without its heading is a bug in the template, not something to print.
 */
export function contentsPages(
  titles: readonly string[],
  outline: readonly OutlineEntry[],
): number[] {
  let from = 0;
  return titles.map((raw) => {
    const title = normalize(raw);
    const at = outline.findIndex((e, i) => i >= from && e.title === title);
    if (at < 0) throw new Error(`the contents entry "${title}" has no heading in the PDF outline`);
    from = at + 1;
    return outline[at]!.page;
  });
}

/** Prints, fills the contents page's numbers and prints again (see the top of this file). */
export async function withContentsPages(
  page: Page,
  print: (kind: 'draft' | 'final') => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const titles = await page.$$eval('[data-toc-title]', (els) => els.map((e) => e.textContent));
  if (titles.length === 0) return print('final');
  // The markers are in the print HTML (hidden); a class on the root shows them for the draft.
  // Nothing else changes between the prints: the headings' own nodes are never touched.
  const markers = await page.$$eval('.toc-marker', (els) => els.map((e) => e.textContent));
  if (markers.join() !== titles.map((_, i) => marker(i)).join())
    throw new Error('the print HTML has a contents entry without its section marker');
  await page.$eval('html', (root) => root.classList.add('toc-draft'));
  const draft = await print('draft');
  await page.$eval('html', (root) => root.classList.remove('toc-draft'));
  let shown = (await markerPages(draft, titles.length)).map(String);
  const fill = (numbers: string[]) =>
    page.$$eval(
      '[data-toc-page]',
      (els, n) => els.forEach((e, i) => (e.textContent = n[i] ?? '')),
      numbers,
    );
  for (let n = 1; ; n++) {
    await fill(shown);
    const pdf = await print('final');
    const pages = contentsPages(titles, await readOutline(pdf)).map(String);
    if (pages.every((p, i) => p === shown[i])) return pdf;
    if (n === 2) throw new Error('the contents page numbers do not match the printed headings');
    shown = pages;
  }
}

const PDF_DATE = /\/(CreationDate|ModDate) \(D:(\d{14})\+00'00'\)/g;

/**
 * Sets the PDF's creation and modification dates to the report's as-of time, so the same inputs
 * print the same bytes. The replacement has exactly the length of what it replaces (Chromium
 * prints in UTC, see printPdf), so the cross-reference offsets stay right; a PDF whose dates
 * look otherwise is returned as it is.
 */
export function fixedDates(pdf: Uint8Array, asOf: string): Uint8Array {
  const t = new Date(asOf);
  if (Number.isNaN(t.getTime())) return pdf;
  const stamp = t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // latin1 maps every byte to one char and back, so binary streams survive the round trip.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const fixed = text.replace(PDF_DATE, (_whole, key: string) => `/${key} (D:${stamp}+00'00')`);
  return fixed === text ? pdf : new Uint8Array(Buffer.from(fixed, 'latin1'));
}
