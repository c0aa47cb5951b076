/**
 * Issue 11, item 7: the Dutch report says recommendation titles in Dutch (exposure.json keeps
 * score's English), a report without an organization does not present "Your organization" as a
 * name, and the methodology says where the known-exploited flags came from.
 */
import { softwareTitle } from '@exposure/score';
import { describe, expect, it } from 'vitest';
import { Messages } from '../../src/render/i18n.js';
import { renderSite, type RenderInput, type SiteFile } from '../../src/render/index.js';
import { localTitle } from '../../src/render/rec-title.js';
import { makeInput } from './fixture.js';

function page(files: SiteFile[], path: string | RegExp): string {
  const file = files.find((f) => (typeof path === 'string' ? f.path === path : path.test(f.path)));
  if (!file || typeof file.content !== 'string') throw new Error(`no ${String(path)}`);
  // Compared as text: the templates escape apostrophes ("configuration's").
  return file.content.replace(/&#x27;/g, "'");
}

/** The fixture as if the inputs named no organization and no feed was given. */
function unnamedWithoutFeeds(lang: 'en' | 'nl'): RenderInput {
  const input = makeInput({ lang });
  return { ...input, document: { ...input.document, organization: null, feeds: {} } };
}

describe('recommendation titles in the page language', () => {
  const nl = new Messages('nl');
  it.each([
    [softwareTitle('gnu', 'glibc'), 'GNU glibc bijwerken'],
    [softwareTitle('linux', 'linux_kernel'), 'Linux kernel bijwerken'],
    ['Remediate CVE-2024-1: Heap overflow', 'CVE-2024-1 verhelpen: Heap overflow'],
    ['Remediate CVE-2024-2', 'CVE-2024-2 verhelpen'],
    ['Fix configuration scid-20', 'Configuratie scid-20 herstellen'],
    // A platform's own wording is not guessed at.
    [
      'Enable Microsoft Defender Antivirus real-time protection',
      'Enable Microsoft Defender Antivirus real-time protection',
    ],
  ])('%s → %s', (title, dutch) => {
    expect(localTitle(nl, title)).toBe(dutch);
  });

  it('leaves English titles as score wrote them', () => {
    expect(localTitle(new Messages('en'), 'Update GNU glibc')).toBe('Update GNU glibc');
  });

  it('shows Dutch titles on the Dutch pages and keeps exposure.json English', async () => {
    const input = makeInput({ lang: 'nl' });
    const files = await renderSite(input);
    expect(page(files, /^recommendations\/software-tukaani-xz/)).toContain(
      '<h1>XZ Utils bijwerken</h1>',
    );
    expect(page(files, 'recommendations.html')).toContain('XZ Utils bijwerken');
    expect(page(files, 'recommendations.html')).not.toContain('Update XZ Utils');
    expect(input.document.recommendations[0]!.title).toBe('Update XZ Utils');
  });
});

describe('a report without an organization', () => {
  it.each(['en', 'nl'] as const)('does not name a stand-in (%s)', async (lang) => {
    const files = await renderSite(unnamedWithoutFeeds(lang));
    const index = page(files, 'index.html');
    expect(index).not.toMatch(/Your organization|Uw organisatie/);
    expect(index).toContain(new Messages(lang).t('cover.noOrganization'));
    expect(index).not.toContain('<span class="org">');
  });
});

describe('where the known-exploited flags came from', () => {
  it('names the catalog when one was given', async () => {
    const files = await renderSite(makeInput());
    expect(page(files, 'methodology.html')).toContain('version 2026.10.30 (1,400 entries)');
  });

  it('says the inputs marked them when no catalog was given', async () => {
    const input = unnamedWithoutFeeds('en');
    const kev = input.document.weaknesses.filter((w) => w.kev).length;
    expect(kev).toBeGreaterThan(0);
    const html = page(await renderSite(input), 'methodology.html');
    expect(html).not.toContain('not used');
    expect(html).toContain(
      `${kev} weakness${kev === 1 ? ' is' : 'es are'} marked known exploited by the inputs themselves`,
    );
  });
});
