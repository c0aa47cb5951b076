import { describe, expect, it } from 'vitest';
import { renderPrintHtml, renderSite } from '../../src/render/index.js';
import { HOSTILE, makeInput } from './fixture.js';

/** The fixture with Defender's own scores, one for the organization, one for a hostile group. */
function withVendorScores(lang: 'en' | 'nl' = 'en') {
  const input = makeInput({ lang });
  return {
    ...input,
    document: {
      ...input.document,
      vendorScores: [
        {
          vendor: 'Microsoft Defender',
          kind: 'exposure score',
          score: 33.491554051195706,
          scale: '0–100',
          time: '2026-10-31T07:23:53.280Z',
          group: null,
          source: 'exposureScore.json',
        },
        {
          vendor: 'Microsoft Defender',
          kind: 'exposure score',
          score: 12,
          scale: '0–100',
          time: null,
          group: HOSTILE,
          source: 'exposureScore_ByMachineGroups.json',
        },
      ],
    },
  };
}

function overview(files: ReadonlyArray<{ path: string; content: string | Uint8Array }>): string {
  return String(files.find((f) => f.path === 'index.html')!.content);
}

describe("a vendor's own score beside ours", () => {
  it('is said on the overview, as the vendor gave it, escaped', async () => {
    const html = overview(await renderSite(withVendorScores()));
    expect(html).toContain(
      'Microsoft Defender says: exposure score 33.49 of 100 (October 31, 2026); its own model, not part of this score',
    );
    expect(html).toContain('Microsoft Defender says for &lt;script&gt;');
    expect(html).not.toContain(HOSTILE);
    // Our own number is untouched.
    expect(html).toContain(`Exact score ${makeInput().document.score.toFixed(2)}`);
  });

  it('is said in Dutch, and in the PDF', async () => {
    expect(overview(await renderSite(withVendorScores('nl')))).toContain(
      'Microsoft Defender zegt: exposure score 33,49 van 100',
    );
    expect(await renderPrintHtml(withVendorScores(), { paper: 'a4' })).toContain(
      'Microsoft Defender says: exposure score 33.49 of 100',
    );
  });

  it('is absent when the inputs carry none', async () => {
    expect(overview(await renderSite(makeInput()))).not.toContain(' says: ');
  });
});
