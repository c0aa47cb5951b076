import { createHash } from 'node:crypto';

const READABLE_MAX = 48;

/**
 * A file name for any id: a readable, lower-case part (letters, digits, dashes) plus a short hash
 * of the exact id. The hash keeps ids that differ only in case or punctuation apart (also on
 * case-insensitive file systems); the readable part can never contain a dot or a slash, so no
 * slug can leave its folder.
 */
export function slugify(id: string): string {
  const readable = id
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, READABLE_MAX)
    .replace(/-+$/, '');
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 10);
  return readable ? `${readable}-${hash}` : hash;
}

/** Memoizes slugs, since a device or recommendation id is linked from many pages. */
export class SlugTable {
  private readonly cache = new Map<string, string>();

  get(id: string): string {
    let slug = this.cache.get(id);
    if (slug === undefined) {
      slug = slugify(id);
      this.cache.set(id, slug);
    }
    return slug;
  }
}
