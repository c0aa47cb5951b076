/**
 * Inputs inside a .zip (a Defender export zipped as downloaded, DefectDojo's `machines/` +
 * `vulnerabilities/` layout), read in place: each member is an input of its own, named
 * `archive.zip/folder/file.json`, inflated as a stream when read and never written to disk.
 *
 * Bombs are refused before anything is inflated: the central directory states every member's
 * size, and the members' sum may not pass the input limit (EXPOSURE_MAX_INPUT_MB). yauzl checks
 * each member's inflated bytes against its stated size (validateEntrySizes), so a member that
 * says it is small and inflates to more is cut off with an error rather than believed.
 */
import { stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { inputLimits, tooLarge } from './limits.js';
import { InputError } from './messages.js';

/** One file inside an archive. */
export interface ArchiveMember {
  /** The archive on disk. */
  archive: string;
  /** The member's path inside the archive (`/`-separated). */
  name: string;
  /** Inflated size in bytes, as the archive states it (checked while inflating). */
  size: number;
  /**
   * The archive's modification time (epoch ms). A member's own zip time is a local time of an
   * unknown zone, so the archive's stands for all of its members.
   */
  mtime: number;
  /** The member's inflated bytes; each call is a fresh stream from the start. */
  open(): Readable;
}

/** More members than any export has: past it the directory is refused, not walked. */
const MAX_MEMBERS = 100_000;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

function badZip(displayPath: string, reason: string): InputError {
  return new InputError(displayPath, undefined, `is not a readable zip archive: ${reason}`);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('cannot be opened')) : resolve(zip)),
    ),
  );
}

/** Walks the central directory, calling `visit` per entry until it returns false. */
function walk(zip: yauzl.ZipFile, visit: (entry: yauzl.Entry) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (visit(entry)) zip.readEntry();
      else resolve();
    });
    zip.readEntry();
  });
}

/** The inflated bytes of one member, opened anew from the archive on disk. */
function memberStream(archive: string, displayPath: string, name: string): Readable {
  const out = new PassThrough();
  const fail = (e: unknown) =>
    out.destroy(
      e instanceof InputError
        ? e
        : new InputError(
            displayPath,
            undefined,
            `cannot be read from its zip archive: ${e instanceof Error ? e.message : String(e)}`,
          ),
    );
  openZip(archive)
    .then(async (zip) => {
      let found: yauzl.Entry | undefined;
      await walk(zip, (entry) => {
        if (entry.fileName === name) found = entry;
        return found === undefined;
      });
      if (!found) {
        zip.close();
        throw new InputError(displayPath, undefined, 'is no longer in its zip archive');
      }
      zip.openReadStream(found, (err, stream) => {
        if (err || !stream) {
          zip.close();
          fail(err ?? new Error(`cannot read ${name}`));
          return;
        }
        stream.on('error', (e) => {
          zip.close();
          fail(e);
        });
        stream.on('end', () => zip.close());
        // A consumer that stops early (format detection reads a head) closes the archive too.
        out.on('close', () => {
          stream.destroy();
          zip.close();
        });
        stream.pipe(out);
      });
    })
    .catch(fail);
  return out;
}

/**
 * The members of a zip archive worth reading, in the archive's order: files only, hidden ones
 * (`.DS_Store`, `__MACOSX/`) passed over. Refuses an encrypted member and an archive whose members
 * inflate past the input limit.
 */
export async function archiveMembers(path: string, displayPath: string): Promise<ArchiveMember[]> {
  const archiveTime = (await stat(path)).mtimeMs;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (e) {
    throw badZip(displayPath, e instanceof Error ? e.message : String(e));
  }
  const { maxStreamBytes } = inputLimits();
  const members: ArchiveMember[] = [];
  let total = 0;
  let problem: InputError | undefined;
  try {
    await walk(zip, (entry) => {
      const name = entry.fileName;
      if (members.length >= MAX_MEMBERS) {
        problem = badZip(displayPath, `it holds more than ${MAX_MEMBERS} files`);
        return false;
      }
      const hidden = name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
      if (name.endsWith('/') || hidden) return true;
      if (entry.isEncrypted()) {
        problem = badZip(displayPath, `${name} is encrypted`);
        return false;
      }
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > maxStreamBytes || total > maxStreamBytes) {
        problem = tooLarge(displayPath, 'input', 'the archive');
        return false;
      }
      const member = `${displayPath}/${name}`;
      members.push({
        archive: path,
        name,
        size: entry.uncompressedSize,
        mtime: archiveTime,
        open: () => memberStream(path, member, name),
      });
      return true;
    });
  } catch (e) {
    throw badZip(displayPath, e instanceof Error ? e.message : String(e));
  } finally {
    zip.close();
  }
  if (problem) throw problem;
  return members;
}
