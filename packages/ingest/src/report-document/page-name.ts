import { createHash } from 'node:crypto';

const READABLE_MAX = 48;

/**
 * The page name (file name without `.html`) of a device or recommendation id in a report site,
 * the one rule the site writes and the VS Code extension links by: a readable, lower-case part
 * (letters, digits, dashes) plus the full sha256 of the exact id. The digest keeps ids that
 * differ only in case or punctuation apart (also on case-insensitive file systems: it is
 * lower-case hex). It is the whole digest, not a prefix: a 40-bit prefix let a crafted id collide
 * with another in seconds and made every report fail, while two ids with one sha256 are not known
 * to exist. The name depends on the id alone, so the extension links to a page without knowing
 * the other ids. The readable part can never contain a dot or a slash, so no page can leave its
 * folder.
 */
export function pageName(id: string): string {
  const readable = id
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, READABLE_MAX)
    .replace(/-+$/, '');
  const hash = createHash('sha256').update(id, 'utf8').digest('hex');
  return readable ? `${readable}-${hash}` : hash;
}
