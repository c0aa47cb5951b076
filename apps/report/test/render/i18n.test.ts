import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Messages } from '../../src/render/i18n.js';
import { renderSite } from '../../src/render/index.js';
import { makeInput } from './fixture.js';

const catalogue = (lang: string): Record<string, string> =>
  JSON.parse(
    readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;

describe('message catalogues', () => {
  it('en and nl have the same keys', () => {
    expect(Object.keys(catalogue('nl')).sort()).toEqual(Object.keys(catalogue('en')).sort());
  });

  it('use the same placeholders in both languages', () => {
    const en = catalogue('en');
    const nl = catalogue('nl');
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en)) expect(names(nl[key] ?? ''), key).toEqual(names(en[key]!));
  });

  it('picks plural forms and fills placeholders', () => {
    const m = new Messages('en');
    expect(m.t('change.onDevices', { count: 1, devices: '1' })).toBe('1 device');
    expect(m.t('change.onDevices', { count: 96, devices: '96' })).toBe('96 devices');
    expect(() => m.t('no.such.key')).toThrow(/no message "no.such.key"/);
  });
});

describe('languages', () => {
  it('renders the site in Dutch with the established vocabulary and Dutch formats', async () => {
    const files = await renderSite(makeInput({ lang: 'nl' }));
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    expect(index).toContain('<html lang="nl">');
    expect(index).toContain('Blootstellingsscore');
    expect(index).toContain('gemiddeld');
    expect(index).toContain('beveiligingsaanbevelingen');
    expect(index).toContain('Apparaten');
    expect(index).toContain('1 november 2026');
    expect(index).toContain('45,27');
    expect(index).not.toContain('Exposure score');
  });

  it('renders the site in English with English formats', async () => {
    const files = await renderSite(makeInput({ lang: 'en' }));
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    expect(index).toContain('November 1, 2026');
    expect(index).toContain('45.27');
    expect(index).toContain('medium');
  });
});
