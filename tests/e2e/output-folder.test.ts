/**
 * `exposure report --out DIR` never deletes what the user owns (issue 9, items 1 and 7), through the
 * built CLI: only a folder carrying the site's own marker is replaced; a symbolic link is written
 * through, never replaced; inputs and --out never overlap; one run at a time per folder; leftovers
 * of killed runs are cleaned by the next one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, handSnapshot, readTree, scratch, writeJson } from './helpers.js';

/**
 * Everything under `root`, without following links: files by content, links by their text. Two
 * equal listings mean nothing was changed, moved or deleted.
 */
async function listing(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const info = await lstat(path);
      if (info.isSymbolicLink()) out.set(rel, `-> ${await readlink(path)}`);
      else if (info.isDirectory()) {
        out.set(rel, 'dir');
        await walk(path, rel);
      } else out.set(rel, (await readFile(path)).toString('base64'));
    }
  };
  await walk(root, '');
  return out;
}

function refused(r: { code: number | null; stderr: string }, ...mentions: string[]): void {
  expect(r.code).toBe(2);
  for (const m of mentions) expect(r.stderr).toContain(m);
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

let dir: string;
let input: string;
beforeAll(() => assertBuilt());
beforeEach(async () => {
  dir = await scratch('out-folder');
  input = await writeJson(join(dir, 'in', 'snap.json'), handSnapshot());
});

describe('only a folder carrying the site marker is replaced', () => {
  it('a folder with only exposure.json and .git is refused, exit 2, and left untouched', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, '.git', 'refs'), { recursive: true });
    await writeFile(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(repo, 'exposure.json'), '{"schema":"exposure-report/1"}\n');
    const before = await listing(dir);
    const r = await exposure(['report', input, '--out', repo], { cwd: dir });
    refused(r, `--out ${repo}`, 'not a previous Exposure site', 'refusing to replace it');
    expect(await listing(dir)).toEqual(before);
  });

  it('a marker of a foreign shape is not enough', async () => {
    const other = join(dir, 'other');
    await mkdir(other);
    await writeFile(join(other, '.exposure-site'), 'hello');
    await writeFile(join(other, 'notes.md'), 'mine');
    const before = await listing(dir);
    refused(await exposure(['report', input, '--out', 'other'], { cwd: dir }), '--out other');
    expect(await listing(dir)).toEqual(before);
  });

  it('a site it wrote is replaced, and the marker names the tool and the schema', async () => {
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    const marker = JSON.parse(await readFile(join(dir, 'site', '.exposure-site'), 'utf8')) as {
      generator: string;
      report: string;
    };
    expect(marker).toMatchObject({ generator: 'exposure', report: 'exposure-report/1' });
    await writeFile(join(dir, 'site', 'stray.txt'), 'x');
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    expect((await readTree(join(dir, 'site'))).has('stray.txt')).toBe(false);
  });
});

describe('--out given as a symbolic link', () => {
  it('writes through to the folder it names; the link itself stays as it was', async () => {
    await mkdir(join(dir, 'www', 'exposure'), { recursive: true });
    await symlink(join(dir, 'www', 'exposure'), join(dir, 'published'));
    for (let run = 0; run < 2; run++) {
      const r = await exposure(['report', input, '--out', 'published', '-q'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await readlink(join(dir, 'published'))).toBe(join(dir, 'www', 'exposure'));
      expect((await readTree(join(dir, 'published'))).has('exposure.json')).toBe(true);
    }
    // Beside the real folder: it and the one version it links to; nothing beside the link.
    const www = (await readdir(join(dir, 'www'))).sort();
    expect(www).toEqual([await readlink(join(dir, 'www', 'exposure')), 'exposure']);
    expect((await readdir(dir)).sort()).toEqual(['in', 'published', 'www']);
  });

  it('a link to a folder of the user is refused like the folder, and neither is touched', async () => {
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'thesis.md'), 'precious');
    await symlink('docs', join(dir, 'link'));
    const before = await listing(dir);
    refused(await exposure(['report', input, '--out', 'link'], { cwd: dir }), '--out link');
    expect(await listing(dir)).toEqual(before);
  });

  it('a dangling link is refused, naming where it points', async () => {
    await symlink('nowhere', join(dir, 'link'));
    const before = await listing(dir);
    refused(await exposure(['report', input, '--out', 'link'], { cwd: dir }), 'nowhere');
    expect(await listing(dir)).toEqual(before);
  });
});

describe('inputs and --out never overlap', () => {
  it('--out inside an input folder is refused', async () => {
    const before = await listing(dir);
    const r = await exposure(['report', 'in', '--out', 'in/site'], { cwd: dir });
    refused(r, '--out in/site', 'inside the input folder in');
    expect(await listing(dir)).toEqual(before);
  });

  it('an input (or --kev, --assets …) inside --out is refused, so it is never deleted', async () => {
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    await writeJson(join(dir, 'site', 'mine.json'), handSnapshot());
    await writeFile(join(dir, 'site', 'assets.csv'), 'device,group\n');
    const before = await listing(dir);
    refused(
      await exposure(['report', 'site/mine.json', '--out', 'site'], { cwd: dir }),
      'mine.json',
    );
    refused(
      await exposure(['report', input, '--assets', 'site/assets.csv', '--out', 'site'], {
        cwd: dir,
      }),
      '--assets site/assets.csv',
    );
    expect(await listing(dir)).toEqual(before);
  });
});

describe('one run at a time, and the leftovers of killed runs', () => {
  function sleeper(): ChildProcess {
    return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  }

  it('a second run on the same --out is refused while the first holds the lock', async () => {
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    const holder = sleeper();
    try {
      await writeFile(join(dir, '.site.lock'), `${holder.pid}\n`);
      const before = await listing(dir);
      const r = await exposure(['report', input, '--out', 'site'], { cwd: dir });
      refused(r, '--out site', `another exposure report (pid ${holder.pid})`, '.site.lock');
      expect(await listing(dir)).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a lock, staging folders, links and versions of dead runs are removed by the next run', async () => {
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    // A pid that is surely not running: the sleeper's, after it has exited.
    const dead = sleeper();
    const pid = dead.pid!;
    dead.kill('SIGKILL');
    await new Promise((r) => dead.once('close', r));
    await writeFile(join(dir, '.site.lock'), `${pid}\n`);
    await writeFile(join(dir, `.site.lock-${pid}`), `${pid}\n`);
    await mkdir(join(dir, `.site.tmp-${pid}`, 'devices'), { recursive: true });
    await writeFile(join(dir, `.site.tmp-${pid}`, 'devices', 'half.html'), '<p>');
    await mkdir(join(dir, `.site.site-${pid}-abc`));
    await symlink(`.site.site-${pid}-abc`, join(dir, `.site.link-${pid}`));
    // Not ours: a look-alike of another folder, and the user's own hidden file.
    await mkdir(join(dir, '.sitemap.tmp-1'));
    await writeFile(join(dir, '.site.notes'), 'mine');
    const r = await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = (await readdir(dir)).sort();
    const version = await readlink(join(dir, 'site'));
    expect(names).toEqual(['.site.notes', version, '.sitemap.tmp-1', 'in', 'site'].sort());
  });

  it('a site moved aside by a run killed between its two renames is put back, then replaced', async () => {
    // What an Exposure without the link layout left: the site at .site.old-<pid>, no site.
    expect((await exposure(['report', input, '--out', 'site', '-q'], { cwd: dir })).code).toBe(0);
    const version = await readlink(join(dir, 'site'));
    const tree = await readTree(join(dir, 'site'));
    await import('node:fs/promises').then(async (fs) => {
      await fs.rm(join(dir, 'site'));
      await fs.rename(join(dir, version), join(dir, '.site.old-999999999'));
    });
    // A failing run still puts it back, whole.
    const bad = await writeJson(join(dir, 'bad', 'bad.json'), { schema: 'exposure-snapshot/1' });
    expect((await exposure(['report', bad, '--out', 'site', '-q'], { cwd: dir })).code).toBe(2);
    expect(await readTree(join(dir, 'site'))).toEqual(tree);
    expect((await readdir(dir)).sort()).toEqual(['bad', 'in', 'site']);
  });
});
