import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Lang = 'en' | 'nl';
export const LANGS: readonly Lang[] = ['en', 'nl'];

export type Catalogue = Readonly<Record<string, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;

// Same depth from src/render and dist/render, so the locales folder resolves in both.
const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

const catalogues = new Map<Lang, Catalogue>();

export function loadCatalogue(lang: Lang): Catalogue {
  let cat = catalogues.get(lang);
  if (!cat) {
    const parsed: unknown = JSON.parse(readFileSync(`${LOCALES_DIR}${lang}.json`, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`locales/${lang}.json: expected an object of messages`);
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string')
        throw new Error(`locales/${lang}.json: message "${key}" is not a string`);
    }
    cat = parsed as Catalogue;
    catalogues.set(lang, cat);
  }
  return cat;
}

const NO_PARAMS: MessageParams = Object.freeze({});

/**
 * Looks messages up in one language's catalogue. Messages are plain text with `{name}`
 * placeholders; plural forms are the keys `<key>_one` / `<key>_other`, chosen by `count`.
 * The result is plain text: templates escape it like any other value.
 */
export class Messages {
  readonly lang: Lang;
  private readonly catalogue: Catalogue;
  private readonly plural: Intl.PluralRules;

  constructor(lang: Lang) {
    this.lang = lang;
    this.catalogue = loadCatalogue(lang);
    this.plural = new Intl.PluralRules(lang);
  }

  has(key: string): boolean {
    return key in this.catalogue || `${key}_other` in this.catalogue;
  }

  /** Messages with placeholders, by key and parameter values: badges repeat a few on every row. */
  private readonly filled = new Map<string, string>();

  t(key: string, params?: MessageParams): string {
    // Most labels have no placeholder: 20,000 device pages ask for them a million times.
    const plain = this.catalogue[key];
    if (plain !== undefined && !plain.includes('{')) return plain;
    if (params === undefined) return this.fill(key, NO_PARAMS);
    let memo = key;
    // The type too: a count given as a number chooses a plural form, as text it does not.
    for (const name in params) {
      const value = params[name]!;
      memo += `\u0000${name}\u0000${typeof value}${value}`;
    }
    let text = this.filled.get(memo);
    if (text === undefined) {
      text = this.fill(key, params);
      if (this.filled.size < 100_000) this.filled.set(memo, text);
    }
    return text;
  }

  private fill(key: string, params: MessageParams): string {
    let message = this.catalogue[key];
    if (message === undefined && typeof params.count === 'number') {
      const form = this.plural.select(params.count);
      message = this.catalogue[`${key}_${form}`] ?? this.catalogue[`${key}_other`];
    }
    if (message === undefined) throw new Error(`locales/${this.lang}.json: no message "${key}"`);
    if (!message.includes('{')) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  }
}
