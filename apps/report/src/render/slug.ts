import { createHash } from 'node:crypto';

const READABLE_MAX = 48;

/**
 * A file name for any id: a readable, lower-case part (letters, digits, dashes) plus the full
 * sha256 of the exact id. The digest keeps ids that differ only in case or punctuation apart
 * (also on case-insensitive file systems: it is lower-case hex). It is the whole digest, not a
 * prefix: a 40-bit prefix let a crafted id collide with another in seconds and made every report
 * fail, while two ids with one sha256 are not known to exist. The slug depends on the id alone,
 * so the VS Code extension links to a page without knowing the other ids (apps/vscode/src/links.ts
 * mirrors this). The readable part can never contain a dot or a slash, so no slug can leave its
 * folder.
 */
export function slugify(id: string): string {
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

/**
 * Memoizes slugs, since a device or recommendation id is linked from many pages, and checks that
 * no two ids of one table share a slug: that would take a sha256 collision, but should it ever
 * happen the report stops with both ids named instead of writing one page over the other.
 */
export class SlugTable {
  private readonly cache = new Map<string, string>();
  private readonly owner = new Map<string, string>();

  get(id: string): string {
    let slug = this.cache.get(id);
    if (slug === undefined) {
      slug = slugify(id);
      const other = this.owner.get(slug);
      if (other !== undefined)
        throw new Error(
          `the ids ${JSON.stringify(other)} and ${JSON.stringify(id)} share a page name`,
        );
      this.owner.set(slug, id);
      this.cache.set(id, slug);
    }
    return slug;
  }
}
