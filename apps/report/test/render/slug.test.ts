import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/render/index.js';
import { SlugTable } from '../../src/render/slug.js';

describe('slugify', () => {
  it('keeps path traversal out', () => {
    const slug = slugify('../../etc/passwd');
    expect(slug).toMatch(/^etc-passwd-[0-9a-f]{64}$/);
  });

  it('gives different slugs to ids that differ only in case or punctuation', () => {
    const ids = ['web-01', 'WEB-01', 'web_01', 'web.01', 'web 01', 'web--01', 'Web-01'];
    const slugs = ids.map(slugify);
    expect(new Set(slugs).size).toBe(ids.length);
    // ...even on a case-insensitive file system.
    expect(new Set(slugs.map((s) => s.toLowerCase())).size).toBe(ids.length);
  });

  it('is stable', () => {
    expect(slugify('CVE-2024-3094')).toBe('cve-2024-3094-' + slugify('CVE-2024-3094').slice(-64));
    expect(slugify('software/tukaani/xz')).toBe(slugify('software/tukaani/xz'));
    expect(slugify('')).toMatch(/^[0-9a-f]{64}$/);
    expect(slugify('///')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps apart ids whose old 40-bit hashes collide (found by a birthday search)', () => {
    // Same readable part, same first 10 hex digits of sha256: the old slugs were equal.
    const a = 'laPTOP-FiNaNCe-dEpArtment-amsterdam';
    const b = 'LapTop-FinanCE-DEpARtment-amsterdam';
    const short = (id: string) =>
      createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 10);
    expect(short(a)).toBe(short(b));
    expect(slugify(a)).not.toBe(slugify(b));
    const table = new SlugTable();
    expect(table.get(a)).not.toBe(table.get(b));
  });

  it('is always a safe, short file name for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (id) => {
        const slug = slugify(id);
        return /^[a-z0-9-]{64,113}$/.test(slug) && !/^-|--/.test(slug);
      }),
      { numRuns: 300 },
    );
  });
});
