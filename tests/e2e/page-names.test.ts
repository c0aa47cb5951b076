/**
 * Page names (issue 9, item 4): two device ids whose slugs shared the old 40-bit hash (and the same
 * readable part) get two pages. The pair was found by a birthday search over case variants; the
 * test checks that it really collides under the old rule, so it keeps proving the point.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, handSnapshot, scratch, writeJson } from './helpers.js';
import { fingerprint } from './reliability-helpers.js';

const A = 'laPTOP-FiNaNCe-dEpArtment-amsterdam';
const B = 'LapTop-FinanCE-DEpARtment-amsterdam';

function oldSlug(id: string): string {
  const readable = id.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `${readable}-${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 10)}`;
}

beforeAll(() => assertBuilt());

describe('page names', () => {
  it('the crafted pair collides under the old truncated hash', () => {
    expect(oldSlug(A)).toBe(oldSlug(B));
  });

  it('two ids with one old slug still get one page each', async () => {
    const dir = await scratch('slugs');
    const snapshot = handSnapshot();
    snapshot.devices.push({ id: A, name: 'a', group: 'Web' }, { id: B, name: 'b', group: 'Web' });
    snapshot.findings.push(
      {
        device: A,
        weakness: 'CVE-2026-0003',
        software: { vendor: 'acme', product: 'db', version: '9' },
      },
      {
        device: B,
        weakness: 'CVE-2026-0003',
        software: { vendor: 'acme', product: 'db', version: '9' },
      },
    );
    await writeJson(join(dir, 'fleet.json'), snapshot);
    const before = await fingerprint(dir);
    const r = await exposure(['report', 'fleet.json', '--out', 'site', '--quiet'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pages = await readdir(join(dir, 'site', 'devices'));
    const ours = pages.filter((p) => p.startsWith('laptop-finance-department-amsterdam-'));
    expect(ours).toHaveLength(2);
    expect(await fingerprint(dir)).toEqual(before);
  });
});
