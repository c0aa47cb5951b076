import { describe, expect, it } from 'vitest';
import { renderSite, siteFileCount } from '../../src/render/index.js';
import { makeInput } from './fixture.js';

describe('group pages', () => {
  it('has one page per group with every device of the group and the recommendations on it', async () => {
    const input = makeInput({ extraDevices: 5 });
    const files = await renderSite(input);
    expect(files).toHaveLength(siteFileCount(input.document));
    const pages = files.filter((f) => f.path.startsWith('groups/'));
    expect(pages).toHaveLength(input.document.groups.length);
    for (const g of input.document.groups) {
      const members = input.assessment.devices.filter((d) => (d.group ?? null) === g.name);
      const page = pages.find((p) =>
        g.name === null
          ? p.path === 'groups/ungrouped.html'
          : p.path !== 'groups/ungrouped.html' &&
            (p.content as string).includes(`<h1>${g.name}</h1>`),
      );
      expect(page, String(g.name)).toBeDefined();
      const html = page!.content as string;
      expect(
        html.match(/<tr>\s*<th scope="row" class="name"><a href="\.\.\/devices\//g) ?? [],
      ).toHaveLength(members.length);
      const touching = input.assessment.recommendations.filter((r) =>
        r.devices.some((id) => members.some((m) => m.id === id)),
      );
      for (const r of touching) expect(html).toContain(`>${r.title.replace(/&/g, '&amp;')}</a>`);
    }
    // Linked from the overview's groups table.
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    for (const p of pages) expect(index).toContain(`href="${p.path}"`);
  });
});
