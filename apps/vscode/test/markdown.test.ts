import { describe, expect, it } from 'vitest';
import { commandLink, md } from '../src/markdown.js';
import { HOSTILE } from './presenters.js';

/** What a CommonMark renderer would still treat as syntax: unescaped punctuation or a line break. */
function unescapedSyntax(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (/[!-/:-@[-`{-~]/.test(c) || c === '\n' || c === '\r') found.push(c);
  }
  return found;
}

describe('md', () => {
  it.each(HOSTILE)('leaves no Markdown syntax in %j', (text) => {
    const out = md(text);
    expect(unescapedSyntax(out)).toEqual([]);
    expect(out).not.toMatch(/\n/);
  });

  it('keeps plain text readable', () => {
    expect(md('Update openssl to 3.0.13')).toBe('Update openssl to 3\\.0\\.13');
  });

  it('shortens very long strings', () => {
    expect(md('a'.repeat(500), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('turns control characters and line separators into spaces', () => {
    expect(md('a\u0000b\u2028c\r\nd')).toBe('a b c d');
  });
});

describe('commandLink', () => {
  it('escapes the label but keeps the command target', () => {
    expect(commandLink('Re[fresh]', 'exposure.refresh')).toBe(
      '[Re\\[fresh\\]](command:exposure.refresh)',
    );
  });
});
