export type { RenderInput, SiteFile, Paper } from './types.js';
export type { Lang } from './i18n.js';
export { renderSite, renderSiteFiles, siteFileCount, STYLESHEET_PATH } from './site.js';
export { renderPrintHtml } from './print.js';
export { findChrome } from './chrome.js';
export { printPdf, headerFooter, type PrintOptions } from './pdf.js';
export { slugify } from './slug.js';
