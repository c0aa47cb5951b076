/**
 * Writes an output folder all-or-nothing. Files go to a hidden sibling `.DIR.tmp-<pid>` (same
 * parent, so same filesystem, so `rename` is atomic) and the folder is swapped into place only
 * on commit: a run that fails half-way leaves the previous site exactly as it was, and a web
 * server never serves a half-written one.
 *
 * Safety: an existing --out is replaced only when it is empty or a previous Exposure site (it
 * has an exposure.json). Any other folder is the user's, and is refused, never wiped.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { UsageError } from '../exit-codes.js';
import { FileWriter } from './file-writer.js';

export interface OutputFile {
  /** Relative path inside the folder, with forward slashes. */
  path: string;
  content: string | Uint8Array;
}

/** The file whose presence marks a folder as a site Exposure wrote (and may replace). */
export const SITE_MARKER = 'exposure.json';

/** Staging folders of this process, removed on SIGINT/SIGTERM by removeStagedDirsSync. */
const live = new Set<string>();

export function removeStagedDirsSync(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** Checks that --out may be (re)written, before any work is done. Throws UsageError if not. */
export async function checkOutDir(out: string, cwd: string): Promise<void> {
  const target = resolve(cwd, out);
  const rel = relative(target, cwd);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) {
    throw new UsageError(
      `--out ${out}: is the current folder or one of its parents; choose a folder of its own, e.g. --out site`,
    );
  }
  let info;
  try {
    info = await stat(target);
  } catch {
    return; // does not exist yet: it will be created
  }
  if (!info.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a folder`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new UsageError(
      `--out ${out}: the folder is not empty and holds no ${SITE_MARKER}, so it is not a previous Exposure site; ` +
        'refusing to replace it. Choose an empty or new folder.',
    );
  }
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
    const staging = join(parent, `.${basename(target)}.tmp-${pid}`);
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
        if (this.written.has(rel)) throw new Error(`two output files have the same path: ${rel}`);
        this.written.add(rel);
        await writer.write(join(this.staging, ...rel.split('/')), file.content);
      }
      await writer.flush();
    } finally {
      // Also when the renderer fails: no write may still run when the folder is discarded.
      await writer.flush().catch(() => undefined);
      await writer.close();
    }
  }

  /**
   * Swaps the staging folder into place: old → backup, staging → target, remove backup. If the
   * second rename fails, the backup is put back, so the old site survives every failure.
   */
  async commit(): Promise<void> {
    this.assertOpen();
    const backup = join(dirname(this.target), `.${basename(this.target)}.old-${this.pid}`);
    const hadOld = existsSync(this.target);
    if (hadOld) {
      await rm(backup, { recursive: true, force: true });
      await rename(this.target, backup);
    }
    try {
      await rename(this.staging, this.target);
    } catch (e) {
      if (hadOld) await rename(backup, this.target);
      throw e;
    }
    this.finished = true;
    live.delete(this.staging);
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
