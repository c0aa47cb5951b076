import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedDir, checkOutDir, removeStagedDirsSync } from '../../src/output/staged-dir.js';
import { SITE_MARKER, siteMarker } from '../../src/output/site-marker.js';
import { readTree, tempDir } from '../fs-helpers.js';

describe('StagedDir', () => {
  it('writes into a hidden sibling and swaps it in on commit', async () => {
    const dir = await tempDir();
    const target = join(dir, 'site');
    const staged = await StagedDir.create(target, 4242);
    expect(staged.staging).toBe(join(dir, '.site.tmp-4242'));
    await staged.write([
      { path: 'a/b/c.html', content: 'c' },
      { path: 'x.bin', content: new Uint8Array([9]) },
    ]);
    expect(existsSync(target)).toBe(false);
    await staged.commit();
    expect(await readTree(target)).toEqual(
      new Map([
        ['a/b/c.html', Buffer.from('c')],
        ['x.bin', Buffer.from([9])],
      ]),
    );
    // site is a link to the one version; nothing else is left beside it.
    const version = await readlink(target);
    expect(version).toMatch(/^\.site\.site-4242-[0-9a-z]+$/);
    expect((await readdir(dir)).sort()).toEqual([version, 'site']);
    await staged.discard(); // harmless after commit
    expect(existsSync(target)).toBe(true);
  });

  it('writes a large file in parts, in order, and refuses a part before its file', async () => {
    const dir = await tempDir();
    const staged = await StagedDir.create(join(dir, 'site'), 4343);
    await staged.write([
      { path: 'big.csv', content: 'h\n' },
      { path: 'p.html', content: 'p' },
      { path: 'big.csv', content: '1\n', append: true },
      { path: 'big.csv', content: '2\n', append: true },
    ]);
    await expect(staged.write([{ path: 'late.csv', content: 'x', append: true }])).rejects.toThrow(
      /late\.csv is appended to before it is written/,
    );
    await staged.commit();
    expect((await readTree(join(dir, 'site'))).get('big.csv')!.toString()).toBe('h\n1\n2\n');
  });

  it('replaces an existing folder and leaves no backup behind', async () => {
    const dir = await tempDir();
    const target = join(dir, 'site');
    await mkdir(target);
    await writeFile(join(target, 'old.html'), 'old');
    const staged = await StagedDir.create(target, 7);
    await staged.write([{ path: 'new.html', content: 'new' }]);
    await staged.commit(1000);
    expect([...(await readTree(target)).keys()]).toEqual(['new.html']);
    expect((await readdir(dir)).sort()).toEqual(['.site.site-7-rs', 'site']);
    // The next commit switches the link in one rename and removes the previous version.
    const next = await StagedDir.create(target, 8);
    await next.write([{ path: 'newer.html', content: 'newer' }]);
    await next.commit(2000);
    expect([...(await readTree(target)).keys()]).toEqual(['newer.html']);
    expect((await readdir(dir)).sort()).toEqual(['.site.site-8-1jk', 'site']);
    expect(await readlink(target)).toBe('.site.site-8-1jk');
  });

  it.each(['../x', '/etc/passwd', 'a/../../x', '.', 'C:/x'])(
    'refuses the path %s',
    async (path) => {
      const dir = await tempDir();
      const staged = await StagedDir.create(join(dir, 'site'), 1);
      await expect(staged.write([{ path, content: '' }])).rejects.toThrow(/must stay inside/);
      await staged.discard();
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('refuses two files with the same path', async () => {
    const dir = await tempDir();
    const staged = await StagedDir.create(join(dir, 'site'), 1);
    await expect(
      staged.write([
        { path: 'a.html', content: '1' },
        { path: './a.html', content: '2' },
      ]),
    ).rejects.toThrow(/same path/);
    await staged.discard();
  });

  it('removes a stale staging folder of the same pid, and staging folders on a signal', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.site.tmp-5'));
    await writeFile(join(dir, '.site.tmp-5', 'stale'), '');
    const staged = await StagedDir.create(join(dir, 'site'), 5);
    expect(await readdir(staged.staging)).toEqual([]);
    removeStagedDirsSync();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('checkOutDir', () => {
  it('accepts a missing folder, an empty one and a previous site', async () => {
    const dir = await tempDir();
    await expect(checkOutDir('missing', dir)).resolves.toBeUndefined();
    await mkdir(join(dir, 'empty'));
    await expect(checkOutDir('empty', dir)).resolves.toBeUndefined();
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'site', SITE_MARKER), siteMarker('exposure-report/1'));
    await writeFile(join(dir, 'site', 'index.html'), '');
    await expect(checkOutDir('site', dir)).resolves.toBeUndefined();
    // exposure.json alone is what `exposure score --json > exposure.json` leaves: not a site.
    await mkdir(join(dir, 'repo', '.git'), { recursive: true });
    await writeFile(join(dir, 'repo', 'exposure.json'), '{}');
    await expect(checkOutDir('repo', dir)).rejects.toThrow(/carries no \.exposure-site/);
    // A marker of someone else's making is not ours either.
    await mkdir(join(dir, 'fake'));
    await writeFile(join(dir, 'fake', SITE_MARKER), '{"generator":"other"}');
    await expect(checkOutDir('fake', dir)).rejects.toThrow(/refusing to replace it/);
  });

  it('refuses a folder of the user, a file, and the current folder or its parents', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'notes.md'), '');
    await expect(checkOutDir('docs', dir)).rejects.toThrow(/refusing to replace it/);
    await writeFile(join(dir, 'file'), '');
    await expect(checkOutDir('file', dir)).rejects.toThrow(/not a folder/);
    await expect(checkOutDir('.', dir)).rejects.toThrow(/current folder/);
    await expect(checkOutDir('..', dir)).rejects.toThrow(/current folder/);
    await expect(checkOutDir(join(dir, 'docs'), join(dir, 'docs', 'sub'))).rejects.toThrow(
      /current folder/,
    );
  });
});
