import { pageName } from '@exposure/ingest/report-document/page-name';

/**
 * Links built from document data. Only `https:` (and `http:` on the local machine) ever leave
 * here, so a published document cannot make the editor open a `command:`, `file:` or `vscode:`
 * URI.
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL may be fetched or opened: https anywhere, http only on this machine. */
export function isAllowedWebUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

/** The first reference of a weakness that is a web page we may open. */
export function advisoryLink(references: readonly string[]): string | null {
  for (const ref of references) {
    const url = parseUrl(ref);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href;
  }
  return null;
}

/** The folder a published exposure.json sits in: the report site's base. */
export function siteBaseOf(documentUrl: string): string {
  return new URL('./', documentUrl).href;
}

/** The report's front page: a web server maps the folder to it, a file URL needs the name. */
export function reportHome(siteBase: string): string {
  return siteBase.startsWith('file:') ? new URL('index.html', siteBase).href : siteBase;
}

/** The page of one recommendation in a published report site. */
export function recommendationPage(siteBase: string, id: string): string {
  return new URL(`recommendations/${recommendationSlug(id)}.html`, siteBase).href;
}

/** The file name the report gives a recommendation's page: the rule both share (page-name.ts). */
export function recommendationSlug(id: string): string {
  return pageName(id);
}

export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
