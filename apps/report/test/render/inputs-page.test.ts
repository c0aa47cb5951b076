import { describe, expect, it } from 'vitest';
import { renderPrintHtml, renderSite, siteFileCount } from '../../src/render/index.js';
import { HOSTILE, HOSTILE_ATTR, makeInput } from './fixture.js';
import { checkLinks } from './link-check.js';

/** The fixture's document with a feed, an mtime-dated file, warnings and a device out of scope. */
function withInputs(lang: 'en' | 'nl' = 'en') {
  const input = makeInput({ lang });
  const doc = input.document;
  return {
    ...input,
    document: {
      ...doc,
      inputs: {
        ...doc.inputs,
        files: [
          ...doc.inputs.files,
          {
            path: 'scans/2026-10-01/qualys.csv',
            format: 'qualys-csv',
            sha256: 'cd'.repeat(32),
            takenAt: '2026-10-01T09:30:00.000Z',
            timeSource: 'mtime' as const,
            coverage: 'full' as const,
            devices: 1234,
            findings: 56789,
          },
          {
            path: 'feeds/kev.json',
            format: 'cisa-kev',
            sha256: 'ef'.repeat(32),
            timeSource: null,
            coverage: 'feed' as const,
            devices: 0,
            findings: 0,
          },
        ],
      },
      warnings: [
        `scans/x.csv has no time of its own ${HOSTILE}`,
        'assets.csv line 4 matched no device',
      ],
      devices: {
        ...doc.devices,
        outOfScopeItems: [
          { id: 'old-9', name: `stale${HOSTILE_ATTR}`, lastSeen: '2026-08-15T00:00:00Z' },
        ],
      },
    },
  };
}

function page(files: Awaited<ReturnType<typeof renderSite>>): string {
  return files.find((f) => f.path === 'inputs.html')!.content as string;
}

describe('the inputs and scope page', () => {
  it('lists each file with its format, time, time source, coverage and counts', async () => {
    const input = withInputs();
    const files = await renderSite(input);
    expect(files).toHaveLength(siteFileCount(input.document));
    expect(checkLinks(files)).toEqual([]);
    const html = page(files);
    expect(html).toContain('<h1>Inputs and scope</h1>');
    expect(html).toContain(
      '<tr><td class="path">scans/2026-10-01/qualys.csv</td><td>qualys-csv</td><td>October 1, 2026 at 09:30 AM UTC</td><td>file modification time</td><td>full fleet</td><td class="num">1,234</td><td class="num">56,789</td></tr>',
    );
    expect(html).toContain(
      '<tr><td class="path">feeds/kev.json</td><td>cisa-kev</td><td>—</td><td>— (feed)</td><td>feed or inventory</td><td class="num">0</td><td class="num">0</td></tr>',
    );
    expect(html).toContain('<td>the file itself</td><td>scanned targets only</td>');
  });

  it('matches the golden page', async () => {
    await expect(page(await renderSite(withInputs()))).toMatchFileSnapshot(
      '__golden__/inputs.html',
    );
  });

  it('lists the warnings and the devices out of scope, escaped', async () => {
    const html = page(await renderSite(withInputs()));
    expect(html).toContain(
      '<li>scans/x.csv has no time of its own &lt;script&gt;alert(1)&lt;/script&gt;</li>',
    );
    expect(html).toContain('<li>assets.csv line 4 matched no device</li>');
    expect(html).toContain(
      '<td>stale&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</td><td class="path">old-9</td><td>August 15, 2026</td>',
    );
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain(HOSTILE_ATTR);
  });

  it('says so when there is nothing to warn about or out of scope', async () => {
    const html = page(await renderSite(makeInput()));
    expect(html).toContain('The inputs gave no warning.');
    expect(html).toContain('No device is out of scope.');
  });

  it('names the scope and the period', async () => {
    const input = withInputs();
    const html = page(await renderSite(input));
    expect(input.document.scope.group).toBeNull();
    expect(html).toContain(
      '<p>The numbers are about the whole fleet of Contoso: 4 devices in scope.</p>',
    );
    expect(html).toContain('<p>Period covered: October 1, 2026 to November 1, 2026.</p>');
  });

  it('is linked from the navigation of every page', async () => {
    const files = await renderSite(withInputs());
    for (const f of files.filter((f) => f.path.endsWith('.html'))) {
      expect(f.content as string, f.path).toMatch(/<a href="(\.\.\/)?inputs\.html"/);
    }
  });

  it('renders in Dutch', async () => {
    const html = page(await renderSite(withInputs('nl')));
    expect(html).toContain('<h1>Invoer en bereik</h1>');
    expect(html).toContain('<td>wijzigingstijd van het bestand</td><td>hele vloot</td>');
    expect(html).toContain('1 oktober 2026');
  });

  it('is a section of the PDF', async () => {
    const html = await renderPrintHtml(withInputs(), { paper: 'a4' });
    expect(html).toContain('<h1>Inputs and scope</h1>');
    expect(html).toContain('scans/2026-10-01/qualys.csv');
    expect(html).toContain('<li>assets.csv line 4 matched no device</li>');
    expect(html).toContain('old-9');
  });
});
