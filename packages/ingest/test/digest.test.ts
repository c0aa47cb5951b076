import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsDigest, sha256File } from '../src/digest.js';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('input digests', () => {
  it('hashes a small file here and a big one on a worker thread, to the same sha256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exposure-digest-'));
    const small = join(dir, 'small.json');
    await writeFile(small, '{"a":1}');
    expect(await sha256File(small, 7)).toBe(sha256('{"a":1}'));
    // 17 MiB of varied bytes: above the worker threshold, several 8 MiB chunks.
    const big = Buffer.alloc(17 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 12)) & 0xff;
    const bigPath = join(dir, 'big.bin');
    await writeFile(bigPath, big);
    expect(await sha256File(bigPath, big.length)).toBe(sha256(big));
  });

  it('fails on a file that is not there, on either path', async () => {
    const missing = join(tmpdir(), 'exposure-digest-missing', 'none.json');
    await expect(sha256File(missing, 1)).rejects.toThrow(/ENOENT/);
    await expect(sha256File(missing, 64 * 1024 * 1024)).rejects.toThrow(/ENOENT/);
  });

  it('combines paths and digests in input order', () => {
    const a = { path: 'a.json', sha256: 'aa' };
    const b = { path: 'b.json', sha256: 'bb' };
    expect(inputsDigest([a, b])).toBe(sha256('a.json\0aa\nb.json\0bb\n'));
    expect(inputsDigest([b, a])).not.toBe(inputsDigest([a, b]));
  });
});
