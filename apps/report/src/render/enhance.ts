/**
 * The site's one script (assets/report.js) and its search index (search-index.js): progressive
 * enhancement under `script-src 'self'`. Every page is complete without them; the script adds a
 * search box and sortable, filterable tables.
 *
 * Both are data scripts, not JSON fetched at run time: the CSP has no `connect-src`, and a site
 * opened from disk (file://) cannot fetch anyway, while `<script src>` works in both.
 */
import type { PageDevice } from '@exposure/score';
import type { SiteContext } from './context.js';
import { groupFile } from './pages/groups.js';
import { KINDS, LEVELS, levelRank, THREATS, VALUES, valueRank } from './row-keys.js';

export const SCRIPT_PATH = 'assets/report.js';
export const SEARCH_INDEX_PATH = 'search-index.js';
/** The global search-index.js sets; report.js reads it (the two are written together). */
export const SEARCH_INDEX_GLOBAL = 'EXPOSURE_SEARCH_INDEX';

/**
 * JSON that stays inert wherever it lands: `<`, `>` and `&` are escaped so that a device named
 * `</script><img onerror=…>` cannot end a script element even if the data is ever inlined, and
 * U+2028/U+2029 so that older parsers read it as JavaScript too.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The sha256 part of a slug as base64url: 43 characters instead of 64 hex digits. */
function slugHash(slug: string): string {
  return Buffer.from(slug.slice(-64), 'hex').toString('base64url');
}

function distinct(values: Iterable<string>): string[] {
  // Code-point order, not the locale's: the index must be byte-identical on every machine.
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function groupText(ctx: SiteContext, d: PageDevice): string {
  return d.group ?? ctx.msg.t('group.none');
}

/** The group and OS names as the device tables show them, for filters over the whole fleet. */
function fleetLists(ctx: SiteContext): { groups: string[]; os: string[] } {
  return {
    groups: distinct(ctx.devicesByExposure.map((d) => groupText(ctx, d))),
    os: distinct(ctx.devicesByExposure.map((d) => d.os ?? '')),
  };
}

/**
 * search-index.js: every device (most exposed first, so the position is the exposure order),
 * recommendation (largest impact first), weakness and group, as arrays rather than objects to
 * keep it small. A device row: [name, id or 0 when it is the name, page hash, display score,
 * level, open weaknesses, group, OS, value] with indexes into the lists; the script rebuilds a
 * page name from the id and the hash exactly as slugify does.
 */
export function searchIndex(ctx: SiteContext): string {
  const { groups, os } = fleetLists(ctx);
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const osIndex = new Map(os.map((o, i) => [o, i]));
  const recIndex = new Map(ctx.recommendationsByImpact.map((r, i) => [r.id, i]));
  const weaknesses: Array<[string, number, number]> = [];
  for (const rec of ctx.recommendationsByImpact) {
    rec.weaknesses.forEach((w, pos) => weaknesses.push([w, recIndex.get(rec.id)!, pos]));
  }
  weaknesses.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const index = {
    v: 1,
    groups,
    os,
    d: ctx.devicesByExposure.map((d) => [
      d.name,
      d.name === d.id ? 0 : d.id,
      slugHash(ctx.deviceSlugs.get(d.id)),
      d.display,
      levelRank(d.level),
      d.openWeaknesses,
      groupIndex.get(groupText(ctx, d)),
      osIndex.get(d.os ?? ''),
      valueRank(d.value),
    ]),
    r: ctx.recommendationsByImpact.map((r) => [
      r.title,
      r.id,
      slugHash(ctx.recommendationSlugs.get(r.id)),
    ]),
    w: weaknesses,
    g: ctx.input.document.groups.map((g) => [g.name ?? ctx.msg.t('group.none'), groupFile(g.name)]),
  };
  return `window.${SEARCH_INDEX_GLOBAL}=${inertJson(index)};\n`;
}

/** What the script needs to know of the site: its language, labels and the fleet's lists. */
function siteData(ctx: SiteContext): object {
  const { msg } = ctx;
  const t = (key: string) => msg.t(key);
  const { groups, os } = fleetLists(ctx);
  return {
    lang: msg.lang,
    global: SEARCH_INDEX_GLOBAL,
    index: SEARCH_INDEX_PATH,
    groups,
    os,
    levels: LEVELS.map((l) => t(`level.${l}`)),
    values: VALUES.map((v) => t(`value.${v}`)),
    filters: {
      kind: { label: t('rec.kind'), options: KINDS.map((k) => [k, t(`rec.kind.${k}`)]) },
      threats: {
        label: t('table.threats'),
        options: THREATS.map((k) => [k, t(`badge.${k}`)]),
      },
    },
    labels: Object.fromEntries(
      [
        'search.label',
        'search.placeholder',
        'search.loading',
        'search.failed',
        'search.none',
        'search.more',
        'search.devices',
        'search.recommendations',
        'search.weaknesses',
        'search.groups',
        'filter.all',
        'filter.reset',
        'filter.shown',
        'filter.fleet',
        'filter.loading',
        'filter.more',
        'filter.label',
      ].map((k) => [k.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()), t(k)]),
    ),
  };
}

/** assets/report.js: the site's data on the first line, then the script (templates/report.js). */
export function siteScript(ctx: SiteContext, body: string): string {
  return `(() => {\n'use strict';\nconst SITE = ${inertJson(siteData(ctx))};\n${body}})();\n`;
}
