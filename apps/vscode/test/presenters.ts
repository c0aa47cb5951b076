import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleTranslate, type Presenter } from '../src/translate.js';

export const english: Presenter = { t: bundleTranslate(), locale: 'en' };

export const dutchBundle = JSON.parse(
  readFileSync(fileURLToPath(new URL('../l10n/bundle.l10n.nl.json', import.meta.url)), 'utf8'),
) as Record<string, string>;

export const dutch: Presenter = { t: bundleTranslate(dutchBundle), locale: 'nl' };

/** Strings a published document could carry to attack a trusted Markdown tooltip. */
export const HOSTILE = [
  '[click](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '![x](https://evil.example/x.png)',
  'line\n# heading\n[x]: command:foo',
  'see https://evil.example/path and mail@evil.example',
  '$(alert) `code` **bold** | table |',
];
