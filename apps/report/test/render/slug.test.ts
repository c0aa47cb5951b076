import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/render/index.js';

describe('slugify', () => {
  it('keeps path traversal out', () => {
    const slug = slugify('../../etc/passwd');
    expect(slug).toMatch(/^etc-passwd-[0-9a-f]{10}$/);
  });

  it('gives different slugs to ids that differ only in case or punctuation', () => {
    const ids = ['web-01', 'WEB-01', 'web_01', 'web.01', 'web 01', 'web--01', 'Web-01'];
    const slugs = ids.map(slugify);
    expect(new Set(slugs).size).toBe(ids.length);
    // ...even on a case-insensitive file system.
    expect(new Set(slugs.map((s) => s.toLowerCase())).size).toBe(ids.length);
  });

  it('is stable', () => {
    expect(slugify('CVE-2024-3094')).toBe('cve-2024-3094-' + slugify('CVE-2024-3094').slice(-10));
    expect(slugify('software/tukaani/xz')).toBe(slugify('software/tukaani/xz'));
    expect(slugify('')).toMatch(/^[0-9a-f]{10}$/);
    expect(slugify('///')).toMatch(/^[0-9a-f]{10}$/);
  });

  it('is always a safe, short file name for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (id) => {
        const slug = slugify(id);
        return /^[a-z0-9-]{1,60}$/.test(slug) && !/^-|--/.test(slug);
      }),
      { numRuns: 300 },
    );
  });
});
