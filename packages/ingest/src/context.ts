import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { constants } from 'node:buffer';
import { Readable, type Readable as ReadableType } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { SnapshotBuilder } from '@exposure/score';
import type { ArchiveMember } from './archive.js';
import type { ImportContext, SourceFile } from './importer.js';
import { jsonSyntaxProblem, lineColumn } from './json-syntax.js';
import { inputLimits, tooLarge } from './limits.js';
import { InputError, messages } from './messages.js';
import { parseTime } from './time.js';

const HEAD_BYTES = 64 * 1024;
const { MAX_STRING_LENGTH } = constants;
const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** The first n bytes of an archive member (or fewer: it may be shorter), inflated. */
async function memberPrefix(member: ArchiveMember, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = member.open();
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      got += (chunk as Buffer).length;
      if (got >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

async function readPrefix(path: string, n: number, member?: ArchiveMember): Promise<Buffer> {
  if (member) return memberPrefix(member, n);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decompressed text of the first HEAD_BYTES of a gzip file (a partial inflate is fine here). */
function gunzipHead(compressed: Buffer): string {
  // maxOutputLength: a bomb's head is never inflated whole; when even that is too much, a shorter
  // compressed prefix still gives the head that detection needs.
  for (const prefix of [compressed, compressed.subarray(0, 16 * 1024)]) {
    try {
      return gunzipSync(prefix, {
        finishFlush: 2 /* Z_SYNC_FLUSH */,
        maxOutputLength: 64 * 1024 * 1024,
      })
        .subarray(0, HEAD_BYTES)
        .toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return '';
    }
  }
  return '';
}

const DATE_FOLDER = /^(\d{4}-\d{2}-\d{2})(?:[T_ ].*)?$/;

/**
 * Opens an input: checks gzip, reads the head, finds a dated parent folder. A member of a zip
 * archive is read from the archive at `path`.
 */
export async function openSource(
  path: string,
  displayPath: string,
  member?: ArchiveMember,
): Promise<SourceFile> {
  let size: number;
  try {
    size = member ? member.size : (await stat(path)).size;
  } catch {
    throw messages.notFound(displayPath);
  }
  const prefix = await readPrefix(path, HEAD_BYTES, member).catch((e: Error) => {
    // An archive member's own error already names it and says what is wrong.
    throw e instanceof InputError ? e : messages.unreadable(displayPath, e.message);
  });
  if (prefix.length === 0) throw messages.emptyFile(displayPath);
  let head: string;
  if (isGzip(prefix)) {
    const compressed = size <= HEAD_BYTES ? prefix : await readPrefix(path, 4 * HEAD_BYTES, member);
    head = gunzipHead(compressed);
    if (!head) throw messages.notGzip(displayPath);
  } else if (/\.gz$/i.test(member ? member.name : path)) {
    throw messages.notGzip(displayPath);
  } else {
    head = prefix.toString('utf8');
  }
  const folderDate = displayPath
    .split(/[\\/]/)
    .slice(0, -1)
    .reverse()
    .map((part) => DATE_FOLDER.exec(part)?.[1])
    .find((d) => d !== undefined && parseTime(d) !== undefined);
  return {
    path,
    displayPath,
    size,
    head: head.replace(/^\uFEFF/, ''),
    ...(folderDate && { folderDate }),
    ...(member && { member }),
  };
}

function shift(place: string, lines: number): string {
  return lines
    ? place.replace(/^line (\d+)/, (_, n: string) => `line ${Number(n) + lines}`)
    : place;
}

/** JSON.parse with an error that names the file and the line and column of the problem. */
export function parseJson(text: string, displayPath: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // V8 names no position for some errors (NaN, Infinity, comments): find it ourselves.
    const found = jsonSyntaxProblem(text);
    const m = /position (\d+)/.exec(reason);
    const offset = found?.offset ?? (m ? Number(m[1]) : text.length);
    const trimmed = text.trimEnd();
    if (offset >= trimmed.length || /Unexpected end of JSON input/.test(reason)) {
      throw messages.truncated(displayPath, shift(lineColumn(text, trimmed.length), lineOffset));
    }
    throw messages.badJson(
      displayPath,
      shift(lineColumn(text, offset), lineOffset),
      found?.problem ??
        reason
          .replace(/^[^:]*?: /, '')
          .replace(/ in JSON at position \d+.*$/s, '')
          // V8 quotes a stretch of the text after the token: the place is named instead.
          .replace(/^(Unexpected token '.+?'), ".*" is not valid JSON$/s, '$1'),
    );
  }
}

/**
 * The decompressed content as a byte stream, bounded by the input limit. Every failure of the
 * file or of the gzip data becomes an InputError on the returned stream (never an unhandled
 * 'error' event): a gzip that breaks off is named as truncated, other damage as damaged.
 */
export function openStream(file: SourceFile, gz: boolean): ReadableType {
  const raw = file.member ? file.member.open() : createReadStream(file.path);
  if (!gz) return Readable.from(bounded(raw, raw, file, false));
  const gunzip = createGunzip();
  raw.on('error', (e: Error) => gunzip.destroy(e));
  return Readable.from(bounded(raw.pipe(gunzip), raw, file, true));
}

async function* bounded(
  stream: ReadableType,
  raw: ReadableType,
  file: SourceFile,
  gz: boolean,
): AsyncGenerator<Buffer> {
  const { maxStreamBytes } = inputLimits();
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      // A bomb is refused while it inflates, never held: memory stays at one chunk.
      if (total > maxStreamBytes) break;
      yield chunk as Buffer;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const error = e as NodeJS.ErrnoException;
    if (!gz || error.syscall !== undefined)
      throw messages.unreadable(file.displayPath, error.message ?? String(e));
    // zlib says "unexpected end of file" (Z_BUF_ERROR) when the data stops mid-stream.
    throw error.code === 'Z_BUF_ERROR'
      ? messages.truncatedGzip(file.displayPath, total)
      : messages.notGzip(file.displayPath);
  } finally {
    // Also when the reader stops early: the file is closed, the inflater freed.
    stream.destroy();
    raw.destroy();
  }
  if (total > maxStreamBytes) throw tooLarge(file.displayPath, 'input', 'the input');
}

const NEWLINE = 0x0a;

/**
 * The content split into lines, each at most the line limit long: a line over it is refused
 * when the limit is reached, not first held whole (readline would build a string of any length,
 * and a 3 GB line ran for minutes before failing).
 */
async function* boundedLines(
  stream: AsyncIterable<Buffer>,
  file: SourceFile,
): AsyncGenerator<{ line: string; number: number }> {
  const { maxLineBytes } = inputLimits();
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  const emit = (last: Buffer): string => {
    const bytes = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    parts = [];
    length = 0;
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const text = bytes.toString('utf8', 0, end);
    return ++number === 1 ? text.replace(/^\uFEFF/, '') : text;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      if (length + nl - start > maxLineBytes) break;
      const line = emit(chunk.subarray(start, nl));
      yield { line, number };
      start = nl + 1;
    }
    // After a break the line over the limit is still in `rest`: the check below refuses it.
    const rest = chunk.subarray(start);
    length += rest.length;
    if (length > maxLineBytes)
      throw tooLarge(file.displayPath, 'line', 'the line', `line ${number + 1}`);
    if (rest.length > 0) parts.push(rest);
  }
  if (length > 0) yield { line: emit(Buffer.alloc(0)), number };
}

export async function createContext(
  file: SourceFile,
  builder = new SnapshotBuilder(),
): Promise<ImportContext> {
  const gz = isGzip(await readPrefix(file.path, 2, file.member));
  const readText = async (): Promise<string> => {
    const chunks: Buffer[] = [];
    const { maxDocumentBytes } = inputLimits();
    let total = 0;
    for await (const chunk of openStream(file, gz)) {
      total += (chunk as Buffer).length;
      if (total > maxDocumentBytes) throw tooLarge(file.displayPath, 'document', 'the document');
      // A limit raised past what one JavaScript string can hold would end in V8's "Cannot
      // create a string longer than …": refused here instead, in words.
      if (total > MAX_STRING_LENGTH)
        throw messages.beyondStrings(file.displayPath, MAX_STRING_LENGTH);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  };
  return {
    file,
    builder,
    notes: { warnings: [], vendorScores: [] },
    readText,
    readJson: async () => parseJson(await readText(), file.displayPath),
    openStream: () => openStream(file, gz),
    lines: () => boundedLines(openStream(file, gz) as AsyncIterable<Buffer>, file),
  };
}
