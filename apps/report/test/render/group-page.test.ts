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
      const members = input.document.devices.items.filter((d) => (d.group ?? null) === g.name);
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
      const touching = input.document.recommendations.filter((r) =>
        r.devices.some((id) => members.some((m) => m.id === id)),
      );
      for (const r of touching) expect(html).toContain(`>${r.title.replace(/&/g, '&amp;')}</a>`);
    }
    // Linked from the overview's groups table.
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    for (const p of pages) expect(index).toContain(`href="${p.path}"`);
  });
});

describe('a group page trend', () => {
  it("draws the group's own points with their values, and none for a group without them", async () => {
    const input = makeInput({ hostile: true });
    const named = input.document.groups.find((g) => g.name !== null)!;
    named.trend = [
      { asOf: '2026-10-30T00:00:00.000Z', score: 61.25, display: 61, level: 'medium' },
      {
        asOf: '2026-10-31T00:00:00.000Z',
        score: named.score,
        display: named.display,
        level: named.level,
      },
    ];
    const files = await renderSite(input);
    const pages = files.filter((f) => f.path.startsWith('groups/'));
    const withTrend = pages.filter((p) => (p.content as string).includes('id="group-trend"'));
    expect(withTrend).toHaveLength(1);
    const html = withTrend[0]!.content as string;
    expect(html).toContain('<svg');
    // The values as a table: both points, to 2 decimals.
    expect(html).toContain('<td>61.25</td>');
    expect(html).toMatch(/The values: 2 points/);
    // The group's name (hostile in this fixture) is escaped in the caption.
    expect(html).not.toContain('<script>alert(1)</script>');
    for (const p of pages.filter((p) => p !== withTrend[0]))
      expect(p.content as string).not.toContain('id="group-trend"');
  });
});
