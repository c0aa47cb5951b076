/**
 * The contents page's page numbers. Chromium prints without CSS `target-counter()`, so the
 * numbers are read back from the printed PDF itself: Chromium writes an outline (bookmarks) of
 * the headings with the page each one is on. The print HTML marks each contents entry
 * (`data-toc-title`, the exact text of its section's `<h1>`) and leaves a fixed-width slot for
 * its number (`data-toc-page`); we print, read the outline with pdf.js, fill the slots and
 * print again. Filling the slots cannot move anything (the slot's width is fixed), so the second
 * print is final; a third print and a check are there so that a layout which did move is caught
 * rather than printed with wrong numbers.
 *
 * This needs no tool on the user's machine beyond the Chromium that prints: pdf.js is a
 * dependency, and reading an outline needs neither a canvas nor fonts.
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

/** The PDF's outline in document order (depth first), with each entry's page. */
export async function readOutline(pdf: Uint8Array): Promise<OutlineEntry[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given.
    data: pdf.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    // Errors only: its warnings would go to the CLI's stdout.
    verbosity: 0,
  }).promise;
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

const MAX_PRINTS = 3;

/** Prints, fills the contents page's numbers from the outline and prints again until they hold. */
export async function withContentsPages(
  page: Page,
  print: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const titles = await page.$$eval('[data-toc-title]', (els) => els.map((e) => e.textContent));
  let pdf = await print();
  if (titles.length === 0) return pdf;
  let shown: string[] = [];
  for (let n = 1; ; n++) {
    const pages = contentsPages(titles, await readOutline(pdf)).map(String);
    if (pages.every((p, i) => p === shown[i])) return pdf;
    if (n === MAX_PRINTS)
      throw new Error(`the contents page numbers did not settle after ${MAX_PRINTS} prints`);
    await page.$$eval(
      '[data-toc-page]',
      (els, numbers) => els.forEach((e, i) => (e.textContent = numbers[i] ?? '')),
      pages,
    );
    shown = pages;
    pdf = await print();
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
