/**
 * Everything about `--out DIR` before and around a run: which folder it really is, whether it may
 * be replaced, one run at a time, and the leftovers of killed runs.
 *
 * Layout (all siblings of DIR, in its parent, so every rename stays on one filesystem):
 *   DIR                       a symbolic link to the current version (see StagedDir.commit)
 *   .DIR.site-<pid>-<time>    a complete version of the site; only the one DIR points to is kept
 *   .DIR.tmp-<pid>            a site being written
 *   .DIR.link-<pid>           the new link, just before it is renamed over DIR
 *   .DIR.old-<pid>            a real folder DIR being moved aside (first run over a plain folder)
 *   .DIR.lock                 the pid of the run writing DIR
 */
import { rmSync } from 'node:fs';
import {
  link,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../exit-codes.js';
import { SITE_MARKER, hasSiteMarker } from './site-marker.js';

/** The hidden siblings of a target folder. */
export function siblings(target: string) {
  const parent = dirname(target);
  const name = basename(target);
  return {
    parent,
    name,
    staging: (pid: number) => join(parent, `.${name}.tmp-${pid}`),
    version: (pid: number, time: number) =>
      join(parent, `.${name}.site-${pid}-${time.toString(36)}`),
    link: (pid: number) => join(parent, `.${name}.link-${pid}`),
    backup: (pid: number) => join(parent, `.${name}.old-${pid}`),
    lock: join(parent, `.${name}.lock`),
    lockCandidate: (pid: number) => join(parent, `.${name}.lock-${pid}`),
    /** Matches a sibling's name: its kind and the pid of the run that made it. */
    parse(entry: string): { kind: 'tmp' | 'site' | 'link' | 'old' | 'lock'; pid: number } | null {
      const prefix = `.${name}.`;
      if (!entry.startsWith(prefix)) return null;
      const m = /^(tmp|site|link|old|lock)-(\d+)(?:-[0-9a-z]+)?$/.exec(entry.slice(prefix.length));
      return m ? { kind: m[1] as 'tmp', pid: Number(m[2]) } : null;
    },
  };
}

/** True while a process with this pid exists (EPERM: it exists, it is someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, following links of every existing part (missing tail kept as is). */
async function realish(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realish(parent), basename(path));
  }
}

/**
 * True when `target` is a link Exposure made: it names a `.NAME.site-…` sibling that carries
 * the marker. Any other link is the user's, and is written through, never replaced.
 */
export async function isOwnLink(target: string): Promise<boolean> {
  const text = await readlink(target).catch(() => undefined);
  if (text === undefined) return false;
  const parsed = siblings(target).parse(text);
  return parsed?.kind === 'site' && (await hasSiteMarker(join(dirname(target), text)));
}

/**
 * The folder `--out` really means: the path itself when missing, a folder or a link of our own;
 * for a link of the user's, the folder it points to (written through, the link left alone).
 */
export async function resolveOutDir(out: string, cwd: string, depth = 0): Promise<string> {
  const given = resolve(cwd, out);
  // The parent's links are the user's way of naming a place: follow them.
  const target = join(await realish(dirname(given)), basename(given));
  const info = await lstat(target).catch(() => undefined);
  if (!info?.isSymbolicLink() || (await isOwnLink(target))) return target;
  // One link at a time: the last link of a chain may be ours, and that one is switched, not followed.
  const text = await readlink(target);
  const next = resolve(dirname(target), text);
  if (depth > 32 || !(await stat(next).catch(() => undefined)))
    throw new UsageError(
      `--out ${out}: is a symbolic link to ${text}, which does not exist; ` +
        'create that folder, or give the folder itself',
    );
  return resolveOutDir(next, cwd, depth + 1);
}

/**
 * Checks that the folder may be (re)written: missing, empty, or carrying the site marker. Any
 * other folder is the user's, and is refused, never wiped. Throws UsageError (exit 2).
 */
export async function checkTarget(target: string, out: string, cwd: string): Promise<void> {
  if (inside(resolve(cwd), target)) {
    throw new UsageError(
      `--out ${out}: is the current folder or one of its parents; choose a folder of its own, e.g. --out site`,
    );
  }
  const info = await stat(target).catch(() => undefined);
  if (!info) return; // does not exist yet: it will be created
  if (!info.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a folder`);
  const entries = await readdir(target);
  if (entries.length === 0 || (await hasSiteMarker(target))) return;
  throw new UsageError(
    `--out ${out}: the folder ${target} is not empty and carries no ${SITE_MARKER} (the marker of a ` +
      'site Exposure wrote), so it is not a previous Exposure site; refusing to replace it. Choose ' +
      'an empty or new folder (a site written by an Exposure older than 0.2 has no marker: remove it ' +
      'yourself once, and run again).',
  );
}

/**
 * Refuses an --out that holds an input (its files would be lost when the site is replaced) or lies
 * inside an input folder (its pages would be read as inputs by the next run).
 */
export async function checkInputsOutside(
  target: string,
  out: string,
  inputs: ReadonlyArray<{ option: string; path: string }>,
  cwd: string,
): Promise<void> {
  // The site is our link to a version: an input may be named through either.
  const places = [target, await realish(target)];
  for (const { option, path } of inputs) {
    const real = await realish(resolve(cwd, path));
    if (places.some((place) => inside(real, place)))
      throw new UsageError(
        `--out ${out}: holds ${option} ${path}, which would be deleted when the site is replaced; ` +
          'keep inputs outside the output folder',
      );
    const info = await stat(real).catch(() => undefined);
    if (info?.isDirectory() && places.some((place) => inside(place, real)))
      throw new UsageError(
        `--out ${out}: is inside the input folder ${path}, so the next run would read the site as ` +
          'input; choose an output folder outside it',
      );
  }
}

/** Lock files of this process, removed on SIGINT/SIGTERM by releaseLocksSync. */
const heldLocks = new Map<string, number>();

export function releaseLocksSync(): void {
  for (const lock of heldLocks.keys()) rmSync(lock, { force: true });
  heldLocks.clear();
}

async function readHolder(lock: string): Promise<number | undefined> {
  const text = await readFile(lock, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Takes `.DIR.lock` for this run: one run at a time per output folder. The pid is written to a
 * file of our own first and then hard-linked into place, so the lock is never seen empty; a lock
 * whose process is gone (killed) is taken over. Returns the release function.
 */
export async function lockOutDir(
  target: string,
  out: string,
  pid: number,
): Promise<() => Promise<void>> {
  const s = siblings(target);
  await mkdir(s.parent, { recursive: true });
  const candidate = s.lockCandidate(pid);
  await writeFile(candidate, `${pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(candidate, s.lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
        const holder = await readHolder(s.lock);
        // Our own pid in the lock is a killed earlier run that had it (containers reuse pids).
        if (holder !== undefined && holder !== pid && isAlive(holder))
          throw new UsageError(
            `--out ${out}: another exposure report (pid ${holder}) is writing this folder; run ` +
              `again when it has finished (if no such run is going, remove ${s.lock})`,
          );
        await rm(s.lock, { force: true });
      }
    }
  } finally {
    await rm(candidate, { force: true });
  }
  heldLocks.set(s.lock, pid);
  return async () => {
    heldLocks.delete(s.lock);
    if ((await readHolder(s.lock)) === pid) await rm(s.lock, { force: true });
  };
}

/**
 * With the lock held, removes what killed runs left beside `target`: staging folders, new links,
 * versions that are no longer current. A folder moved aside by a run killed before it put the new
 * site in place is put back first, so that the previous site is never lost.
 */
export async function cleanLeftovers(target: string, pid: number): Promise<string[]> {
  const s = siblings(target);
  const entries = await readdir(s.parent).catch(() => [] as string[]);
  const targetExists = await lstat(target).then(
    () => true,
    () => false,
  );
  if (!targetExists) {
    const backup = entries.find((e) => s.parse(e)?.kind === 'old');
    if (backup) await rename(join(s.parent, backup), target);
  }
  const current = await readlink(target).catch(() => undefined);
  const removed: string[] = [];
  for (const entry of await readdir(s.parent)) {
    const parsed = s.parse(entry);
    if (!parsed || entry === current) continue;
    if (parsed.pid !== pid && isAlive(parsed.pid) && parsed.kind !== 'site') continue;
    await rm(join(s.parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

export interface OutDir {
  /** The folder to write (absolute; a user's link already followed). */
  target: string;
  release(): Promise<void>;
}

/**
 * Opens `--out` for a run: resolves it, refuses what may not be replaced, takes the lock, then
 * cleans the leftovers of killed runs. Everything here happens before any input is read.
 */
export async function openOutDir(
  out: string,
  cwd: string,
  pid: number,
  inputs: ReadonlyArray<{ option: string; path: string }> = [],
): Promise<OutDir> {
  const target = await resolveOutDir(out, cwd);
  await checkTarget(target, out, cwd);
  await checkInputsOutside(target, out, inputs, cwd);
  const release = await lockOutDir(target, out, pid);
  try {
    await cleanLeftovers(target, pid);
    // Checked again under the lock: a run that finished meanwhile may have changed it.
    await checkTarget(target, out, cwd);
  } catch (e) {
    await release();
    throw e;
  }
  return { target, release };
}
