import { posix } from 'node:path';
import type { SiteFile } from '../../src/render/index.js';

export interface BrokenLink {
  file: string;
  link: string;
  problem: string;
}

const ATTRIBUTE = /\b(?:href|src|xlink:href)="([^"]*)"/g;

/**
 * Checks every href/src in the site's HTML: relative only (no scheme, no leading slash, nothing
 * leaving the site), and pointing at a file the site contains.
 */
export function checkLinks(files: readonly SiteFile[]): BrokenLink[] {
  const paths = new Set(files.map((f) => f.path));
  const broken: BrokenLink[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.html') || typeof file.content !== 'string') continue;
    for (const match of file.content.matchAll(ATTRIBUTE)) {
      // Attribute values are HTML-escaped; links we write never contain entities but & would.
      const link = match[1]!.replace(/&amp;/g, '&');
      if (link.startsWith('#')) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) {
        broken.push({ file: file.path, link, problem: 'not relative' });
        continue;
      }
      if (link.startsWith('/')) {
        broken.push({ file: file.path, link, problem: 'absolute path' });
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file.path), link.split('#')[0]!));
      if (target.startsWith('../'))
        broken.push({ file: file.path, link, problem: 'leaves the site' });
      else if (!paths.has(target)) broken.push({ file: file.path, link, problem: 'no such file' });
    }
  }
  return broken;
}
