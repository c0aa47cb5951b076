import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dutchBundle } from './presenters.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(`${root}/${path}`, 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

/** Every message passed to `t(…)` / `l10n.t(…)` as a string literal in the sources. */
function runtimeMessages(): Set<string> {
  const messages = new Set<string>();
  for (const file of readdirSync(`${root}/src`)) {
    const source = read(`src/${file}`);
    for (const m of source.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g))
      messages.add(m[1]!.replace(/\\(.)/g, '$1'));
    for (const m of source.matchAll(
      /\bt\(\s*[^'()]*\?\s*'((?:[^'\\]|\\.)*)'\s*:\s*'((?:[^'\\]|\\.)*)'/g,
    )) {
      messages.add(m[1]!);
      messages.add(m[2]!);
    }
  }
  return messages;
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('runtime strings (vscode.l10n)', () => {
  const messages = runtimeMessages();

  it('finds the messages', () => {
    expect(messages.size).toBeGreaterThan(40);
    expect(messages).toContain('Exposure {0} · {1}');
  });

  it('has a Dutch translation for every message, with the same placeholders', () => {
    const missing = [...messages].filter((m) => !(m in dutchBundle));
    expect(missing).toEqual([]);
    for (const m of messages) expect(placeholders(dutchBundle[m]!), m).toEqual(placeholders(m));
  });

  it('carries no translation that nothing uses', () => {
    expect(Object.keys(dutchBundle).filter((k) => !messages.has(k))).toEqual([]);
  });

  it('renders the status bar text in Dutch', () => {
    expect(dutchBundle['Exposure {0} · {1}']).toBe('Blootstelling {0} · {1}');
    expect(dutchBundle['Medium']).toBe('Gemiddeld');
  });
});

describe('manifest strings (package.nls)', () => {
  const manifest = read('package.json');
  const english = json('package.nls.json');
  const nl = json('package.nls.nl.json');
  const used = new Set([...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!));

  it('defines every %key% of the manifest in English and Dutch', () => {
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) {
      expect(english, key).toHaveProperty([key]);
      expect(nl, key).toHaveProperty([key]);
    }
  });

  it('has the same keys in both languages', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(english).sort());
  });

  it('points VS Code at the runtime bundles', () => {
    expect(json('package.json')['l10n']).toBe('./l10n');
  });
});

describe('welcome content', () => {
  // VS Code renders links only in viewsWelcome: Markdown marks would show literally.
  it.each(['package.nls.json', 'package.nls.nl.json'])('%s has no Markdown but links', (file) => {
    const nls = json(file);
    for (const key of ['welcome.unconfigured', 'welcome.error']) {
      const text = String(nls[key]).replace(/\[[^\]]*\]\([^)]*\)/g, '');
      expect(text, key).not.toMatch(/[`*_]/);
    }
  });
});
