import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/render/charts.js';
import { headerFooter, renderPrintHtml, renderSite } from '../../src/render/index.js';
import { HOSTILE, HOSTILE_ATTR, makeInput } from './fixture.js';

/** What must never appear in output when data carries HOSTILE / HOSTILE_ATTR. */
const RAW = ['<script', '<img', '"><img', 'onerror="'];

function expectEscaped(text: string): void {
  for (const raw of RAW) expect(text).not.toContain(raw);
}

describe('hostile strings', () => {
  it('are escaped on every site page, in the HTML and in the chart SVG', async () => {
    const files = await renderSite(makeInput({ hostile: true }));
    // CSV is not markup: its cells are quoted and guarded against formulas (csv.test.ts).
    // The one script tag of every page is ours (site.test.ts checks it); everything else,
    // including the search index and the script's data, must hold the strings inert.
    const ours = /<script src="(\.\.\/)?assets\/report\.js" defer><\/script>/;
    for (const f of files)
      if (typeof f.content === 'string' && !f.path.endsWith('.csv'))
        expectEscaped(f.content.replace(ours, ''));
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['search-index.js', 'assets/report.js']),
    );
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    // The hostile organization is there, as text.
    expect(index).toContain(
      'Contoso &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
    );
    expect(index).toMatch(/<svg [^>]*role="img"/);
  });

  it('are escaped in chart SVG: vega escapes data text, we escape title and description', async () => {
    const svg = await renderChart(
      {
        width: 200,
        height: 100,
        data: { values: [{ x: 1, y: 2, label: HOSTILE + HOSTILE_ATTR }] },
        mark: 'text',
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
      'en',
      { id: 'h', title: HOSTILE, description: HOSTILE_ATTR },
    );
    expectEscaped(svg);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('<title id="h-title">&lt;script&gt;');
  });

  it('are escaped in the print HTML, the classification line included', async () => {
    const html = await renderPrintHtml(makeInput({ hostile: true }), {
      paper: 'a4',
      classification: `${HOSTILE}${HOSTILE_ATTR}`,
    });
    expectEscaped(html);
    expect(html).toContain('<p class="cover-classification">&lt;script&gt;');
  });

  it('are escaped in the PDF footer template (the classification line)', () => {
    const { footer } = headerFooter({
      organization: 'Contoso',
      asOf: '2026-11-01T00:00:00Z',
      lang: 'en',
      classification: `${HOSTILE}${HOSTILE_ATTR}`,
    });
    expectEscaped(footer);
    expect(footer).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(footer).toContain('<span class="pageNumber"></span>');
  });

  it('are escaped in the PDF header template', () => {
    const { header, footer } = headerFooter({
      organization: `${HOSTILE}${HOSTILE_ATTR}`,
      asOf: '2026-11-01T00:00:00Z',
      lang: 'en',
    });
    expectEscaped(header);
    expect(header).toContain('&lt;script&gt;');
    expect(header).toContain('font-size: 8px');
    expect(footer).toContain(
      '<span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
  });
});
