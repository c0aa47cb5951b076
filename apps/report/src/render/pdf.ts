import puppeteer from 'puppeteer-core';
import { escapeXml } from './escape.js';
import { Messages } from './i18n.js';
import { fixedDates, withContentsPages } from './pdf-contents.js';
import type { Paper } from './types.js';

export interface PrintOptions {
  chromePath: string;
  paper: Paper;
  organization: string;
  /** Already formatted for the reader, or an ISO time (formatted here as a date). */
  asOf: string;
  lang: 'en' | 'nl';
  /** Printed in every page's footer ("Confidential"); none when absent or blank. */
  classification?: string;
}

const CHROME_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Per step (load, print): generous, but a wedged browser still ends the run. */
const PRINT_TIMEOUT_MS = 600_000;

const FONT = "font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif";

/** Chromium's header and footer templates: explicit font size, data escaped. */
export function headerFooter(options: Omit<PrintOptions, 'chromePath' | 'paper'>): {
  header: string;
  footer: string;
} {
  const msg = new Messages(options.lang);
  const asOf = /^\d{4}-\d{2}-\d{2}/.test(options.asOf)
    ? new Intl.DateTimeFormat(options.lang, {
        timeZone: 'UTC',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
      }).format(Date.parse(options.asOf))
    : options.asOf;
  const header =
    `<div style="${FONT}; font-size: 8px; color: #4b5563; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;">` +
    `<span>${escapeXml(options.organization || msg.t('print.title'))}</span><span>${escapeXml(msg.t('print.header.asOf', { date: asOf }))}</span></div>`;
  // The message's text goes around Chromium's page-number spans: split on the placeholders.
  const [before, between, after] = msg
    .t('print.footer.page', { page: '{page}', pages: '{pages}' })
    .split(/\{pages?\}/);
  const classification = options.classification?.trim() ?? '';
  const pageText =
    `${escapeXml(before ?? '')}<span class="pageNumber"></span>${escapeXml(between ?? '')}` +
    `<span class="totalPages"></span>${escapeXml(after ?? '')}`;
  // With a classification the footer has two ends: the line on the left, the page on the right.
  const footer = classification
    ? `<div style="${FONT}; font-size: 8px; color: #4b5563; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;">` +
      `<span style="font-weight: bold; color: #111827;">${escapeXml(classification)}</span><span>${pageText}</span></div>`
    : `<div style="${FONT}; font-size: 8px; color: #4b5563; width: 100%; text-align: center;">${pageText}</div>`;
  return { header, footer };
}

/** Prints the print HTML with an installed Chromium; one browser for the call, always closed. */
export async function printPdf(html: string, options: PrintOptions): Promise<Uint8Array> {
  const browser = await puppeteer.launch({
    executablePath: options.chromePath,
    args: CHROME_ARGS,
    headless: true,
    // Chromium stamps the PDF's dates in local time; in UTC their length is known, which
    // fixedDates below relies on.
    env: { ...process.env, TZ: 'UTC' },
  });
  try {
    const page = await browser.newPage();
    // The print HTML carries a CSP of default-src 'none' (inline styles and data: images only),
    // so loading it cannot reach the network.
    // A full report of a large fleet is hundreds of pages: puppeteer's 30 s default is too short.
    await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
    const { header, footer } = headerFooter(options);
    // The draft (see pdf-contents.ts) only has to place the contents markers: untagged, and
    // without header, footer or backgrounds, which change no position on the page.
    const print = async (kind: 'draft' | 'final') => {
      const tagged = kind === 'final';
      return new Uint8Array(
        await page.pdf({
          format: options.paper === 'letter' ? 'Letter' : 'A4',
          printBackground: tagged,
          displayHeaderFooter: tagged,
          headerTemplate: header,
          footerTemplate: footer,
          margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
          // The outline is built from the tags: both or neither.
          outline: tagged,
          tagged,
          preferCSSPageSize: false,
          timeout: PRINT_TIMEOUT_MS,
        }),
      );
    };
    return fixedDates(await withContentsPages(page, print), options.asOf);
  } finally {
    await browser.close();
  }
}
