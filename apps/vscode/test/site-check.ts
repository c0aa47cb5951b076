/**
 * The checks the report's own tests make of a site, applied to a folder the extension exported:
 * exposure.json passes its schema, the folder carries the site marker (so the next export may
 * replace it), and every link in its HTML is relative and points at a file it contains.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { validateReportDocument } from '@exposure/ingest';
import type { ReportDocument } from '@exposure/score';
import { hasSiteMarker } from '../../report/src/output/site-marker.js';
import { checkLinks, type BrokenLink } from '../../report/test/render/link-check.js';

export interface SiteCheck {
  files: string[];
  document: ReportDocument;
  schemaErrors: string[];
  marker: boolean;
  brokenLinks: BrokenLink[];
}

export async function checkSite(dir: string): Promise<SiteCheck> {
  const files = walk(dir).map((f) => relative(dir, f).split(sep).join('/'));
  const value: unknown = JSON.parse(readFileSync(join(dir, 'exposure.json'), 'utf8'));
  const validation = validateReportDocument(value);
  const pages = files
    .filter((f) => f.endsWith('.html'))
    .map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') }));
  const others = files.filter((f) => !f.endsWith('.html')).map((path) => ({ path, content: '' }));
  return {
    files: files.sort(),
    document: value as ReportDocument,
    schemaErrors: validation.ok ? [] : validation.errors,
    marker: await hasSiteMarker(dir),
    brokenLinks: checkLinks([...pages, ...others]),
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
