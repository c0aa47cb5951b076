import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable, type Readable as ReadableType } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { SnapshotBuilder } from '@exposure/score';
import type { ImportContext, SourceFile } from './importer.js';
import { inputLimits, tooLarge } from './limits.js';
import { messages } from './messages.js';
import { parseTime } from './time.js';

const HEAD_BYTES = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

async function readPrefix(path: string, n: number): Promise<Buffer> {
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

/** Opens an input: checks gzip, reads the head, finds a dated parent folder. */
export async function openSource(path: string, displayPath: string): Promise<SourceFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw messages.notFound(displayPath);
  }
  const prefix = await readPrefix(path, HEAD_BYTES).catch((e: Error) => {
    throw messages.unreadable(displayPath, e.message);
  });
  if (prefix.length === 0) throw messages.emptyFile(displayPath);
  let head: string;
  if (isGzip(prefix)) {
    const compressed = size <= HEAD_BYTES ? prefix : await readPrefix(path, 4 * HEAD_BYTES);
    head = gunzipHead(compressed);
    if (!head) throw messages.notGzip(displayPath);
  } else if (/\.gz$/i.test(path)) {
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
  };
}

/** Line and column of a character offset, for JSON syntax errors. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

/** JSON.parse with an error that names the file and the line and column of the problem. */
export function parseJson(text: string, displayPath: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(reason);
    const trimmed = text.trimEnd();
    if (
      /Unexpected end of JSON input|Unterminated string/.test(reason) ||
      (m && Number(m[1]) >= trimmed.length)
    ) {
      throw messages.truncated(displayPath, lineColumn(text, trimmed.length));
    }
    let place = m ? lineColumn(text, Number(m[1])) : 'somewhere';
    if (lineOffset)
      place = place.replace(/^line (\d+)/, (_, n: string) => `line ${Number(n) + lineOffset}`);
    throw messages.badJson(
      displayPath,
      place,
      reason.replace(/^[^:]*?: /, '').replace(/ in JSON at position \d+.*$/, ''),
    );
  }
}

export function openStream(file: SourceFile, gz: boolean): ReadableType {
  const raw = createReadStream(file.path);
  if (!gz) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  const out = raw.pipe(gunzip);
  return out.on('error', () => undefined) && Readable.from(wrapGzipErrors(out, file));
}

async function* wrapGzipErrors(stream: ReadableType, file: SourceFile): AsyncGenerator<Buffer> {
  const { maxStreamBytes } = inputLimits();
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      // A bomb is refused while it inflates, never held: memory stays at one chunk.
      if (total > maxStreamBytes) break;
      yield chunk as Buffer;
    }
  } catch {
    throw messages.notGzip(file.displayPath);
  }
  if (total > maxStreamBytes) {
    stream.destroy();
    throw tooLarge(file.displayPath, maxStreamBytes, 'the input', 'EXPOSURE_MAX_INPUT_MB');
  }
}

export async function createContext(
  file: SourceFile,
  builder = new SnapshotBuilder(),
): Promise<ImportContext> {
  const gz = isGzip(await readPrefix(file.path, 2));
  const readText = async (): Promise<string> => {
    const chunks: Buffer[] = [];
    const { maxDocumentBytes } = inputLimits();
    let total = 0;
    const stream = openStream(file, gz);
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxDocumentBytes) {
        stream.destroy();
        throw tooLarge(
          file.displayPath,
          maxDocumentBytes,
          'the document',
          'EXPOSURE_MAX_DOCUMENT_MB',
        );
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  };
  return {
    file,
    builder,
    readText,
    readJson: async () => parseJson(await readText(), file.displayPath),
    openStream: () => openStream(file, gz),
    async *lines() {
      const rl = createInterface({ input: openStream(file, gz), crlfDelay: Infinity });
      let number = 0;
      for await (const line of rl)
        yield { line: number++ === 0 ? line.replace(/^\uFEFF/, '') : line, number };
    },
  };
}
