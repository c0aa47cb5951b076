/**
 * Writes an output folder all-or-nothing. Files go to a hidden sibling `.DIR.tmp-<pid>` (same
 * parent, so same filesystem, so `rename` is atomic); on commit it becomes a version
 * `.DIR.site-<pid>-<time>` and DIR, a symbolic link, is switched to it by renaming a new link over
 * the old one: one `rename`, so at every instant DIR is either the whole previous site or the
 * whole new one, and a web server never serves a half-written one.
 *
 * Safety (see out-dir.ts): an existing --out is replaced only when it is empty or carries the
 * site's own marker; any other folder is the user's, and is refused, never wiped.
 */
import { rmSync } from 'node:fs';
import { lstat, mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { UsageError } from '../exit-codes.js';
import { FileWriter } from './file-writer.js';
import { checkTarget, releaseLocksSync, resolveOutDir, siblings } from './out-dir.js';

export { SITE_MARKER } from './site-marker.js';

export interface OutputFile {
  /** Relative path inside the folder, with forward slashes. */
  path: string;
  content: string | Uint8Array;
  /** Add to the end of the file of this path written before (a large file in parts). */
  append?: boolean;
}

/** Staging folders of this process, removed on SIGINT/SIGTERM by removeStagedDirsSync. */
const live = new Set<string>();

/** On a signal: the staging folders and the lock of this process go; the site stays. */
export function removeStagedDirsSync(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
  releaseLocksSync();
}

/** Checks that --out may be (re)written, before any work is done. Throws UsageError if not. */
export async function checkOutDir(out: string, cwd: string): Promise<void> {
  await checkTarget(await resolveOutDir(out, cwd), out, cwd);
}

/** Symbolic links cannot be made (Windows without the privilege): fall back to two renames. */
function noSymlinks(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP';
}

/** Rejects paths that would escape the folder: a renderer bug must not write elsewhere. */
function safeRelative(path: string): string {
  const normal = posix.normalize(path.replace(/\\/g, '/'));
  if (
    normal === '.' ||
    normal.startsWith('/') ||
    normal === '..' ||
    normal.startsWith('../') ||
    /^[A-Za-z]:/.test(normal)
  ) {
    throw new Error(`refusing to write "${path}": output paths must stay inside the output folder`);
  }
  return normal;
}

export class StagedDir {
  private readonly written = new Set<string>();
  private finished = false;

  private constructor(
    /** Absolute path of the final folder. */
    readonly target: string,
    /** Absolute path of the staging folder. */
    readonly staging: string,
    private readonly pid: number,
  ) {}

  /** Creates the staging folder beside `target` (and target's parent, if missing). */
  static async create(target: string, pid: number): Promise<StagedDir> {
    const parent = dirname(target);
    const staging = siblings(target).staging(pid);
    await mkdir(parent, { recursive: true });
    // A leftover of an earlier run that had this pid and was killed: never ours to keep.
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    live.add(staging);
    return new StagedDir(target, staging, pid);
  }

  get files(): ReadonlySet<string> {
    return this.written;
  }

  /**
   * Writes files as they come (a renderer's async generator): a 20,000-device site is never held
   * in memory whole. The writing itself happens on one worker thread (see FileWriter), so that it
   * overlaps the rendering; paths are checked here first.
   */
  async write(files: Iterable<OutputFile> | AsyncIterable<OutputFile>): Promise<void> {
    const writer = new FileWriter();
    try {
      for await (const file of files) {
        const rel = safeRelative(file.path);
        if (file.append) {
          if (!this.written.has(rel)) throw new Error(`${rel} is appended to before it is written`);
        } else {
          if (this.written.has(rel)) throw new Error(`two output files have the same path: ${rel}`);
          this.written.add(rel);
        }
        await writer.write(join(this.staging, ...rel.split('/')), file.content, file.append);
      }
      await writer.flush();
    } finally {
      // Also when the renderer fails: no write may still run when the folder is discarded.
      await writer.flush().catch(() => undefined);
      await writer.close();
    }
  }

  /**
   * Puts the staged site in place. The staging folder becomes a version of its own; a new link to
   * it is renamed over DIR (one atomic step when DIR is already a link of ours or missing). Only a
   * plain folder DIR (the first run over an empty folder) is moved aside first, as
   * `.DIR.old-<pid>`, which the next run puts back if this one is killed in between. The previous
   * version is removed last; if that is interrupted, the next run removes it.
   */
  async commit(now = Date.now()): Promise<void> {
    this.assertOpen();
    const s = siblings(this.target);
    const version = s.version(this.pid, now);
    // openOutDir checked the folder; here a link naming a version sibling is ours to switch.
    const linked = await readlink(this.target).catch(() => undefined);
    const previous = linked !== undefined && s.parse(linked)?.kind === 'site' ? linked : undefined;
    const plain = previous === undefined && (await lstat(this.target).catch(() => undefined));
    if (plain && !plain.isDirectory())
      throw new UsageError(`${this.target}: exists and is not a folder`);
    await rename(this.staging, version);
    live.delete(this.staging);
    live.add(version);
    const newLink = s.link(this.pid);
    await rm(newLink, { force: true });
    try {
      await symlink(basename(version), newLink, 'dir');
    } catch (e) {
      if (!noSymlinks(e)) throw e;
      await this.swapFolders(version, Boolean(plain));
      return;
    }
    const backup = s.backup(this.pid);
    if (plain) await rename(this.target, backup);
    try {
      await rename(newLink, this.target);
    } catch (e) {
      if (plain) await rename(backup, this.target);
      throw e;
    }
    this.finished = true;
    live.delete(version);
    if (plain) await rm(backup, { recursive: true, force: true });
    if (previous !== undefined)
      await rm(join(dirname(this.target), previous), { recursive: true, force: true });
  }

  /** Without symbolic links: old → backup, version → target, remove backup. */
  private async swapFolders(version: string, hadOld: boolean): Promise<void> {
    const backup = siblings(this.target).backup(this.pid);
    if (hadOld) await rename(this.target, backup);
    try {
      await rename(version, this.target);
    } catch (e) {
      if (hadOld) await rename(backup, this.target);
      throw e;
    }
    this.finished = true;
    live.delete(version);
    if (hadOld) await rm(backup, { recursive: true, force: true });
  }

  /** Removes the staging folder; the target is untouched. Safe to call after commit. */
  async discard(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    live.delete(this.staging);
    await rm(this.staging, { recursive: true, force: true });
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('the output folder was already committed or discarded');
  }
}
