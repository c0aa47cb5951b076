import { pageName } from '@exposure/ingest/report-document/page-name';

/** A page's file name for any id: the rule the site and the extension share (page-name.ts). */
export const slugify: (id: string) => string = pageName;

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
