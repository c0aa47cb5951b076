/**
 * exposure-snapshot/1: the native snapshot file (src/schemas/exposure-snapshot-1.schema.json).
 *
 * | file                         | snapshot                                            |
 * | ---------------------------- | --------------------------------------------------- |
 * | takenAt                      | snapshot time (else folder date, else other inputs) |
 * | organization                 | organization (--org overrides)                      |
 * | devices[]                    | devices, as written; value defaults to normal       |
 * | weaknesses[]                 | weaknesses, as written; cvss one entry or a list    |
 * | findings[]                   | findings; device created when only named here       |
 *
 * Files up to STREAM_ABOVE bytes are parsed with JSON.parse and validated element by element with
 * compiled sub-schema validators; larger ones are read as a token stream with the same checks.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseJson } from '../../context.js';
import type { ImportContext, Importer, SourceFile } from '../../importer.js';
import { inputLimits, LimitError } from '../../limits.js';
import { messages } from '../../messages.js';
import { NativeSink } from './sink.js';
import { streamNative } from './stream.js';

/** Above this many (uncompressed) bytes a native file is streamed rather than parsed whole. */
export const STREAM_ABOVE = 256 * 1024 * 1024;

const SIGNATURE = /"schema"\s*:\s*"exposure-snapshot\/1"/;

/** Uncompressed size (the gzip trailer's ISIZE, modulo 4 GiB, so anything odd streams) and whether it is gzip. */
export async function contentSize(
  path: string,
  size: number,
): Promise<{ size: number; gzip: boolean }> {
  const fh = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    await fh.read(magic, 0, 2, 0);
    if (magic[0] !== 0x1f || magic[1] !== 0x8b) return { size, gzip: false };
    if (size < 18) return { size, gzip: true };
    const trailer = Buffer.alloc(4);
    await fh.read(trailer, 0, 4, size - 4);
    const isize = trailer.readUInt32LE(0);
    return { size: isize < size ? Number.MAX_SAFE_INTEGER : isize, gzip: true };
  } finally {
    await fh.close();
  }
}

/** contentSize of an input; an archive member's inflated size is known, unless it is gzip itself. */
export async function contentSizeOf(
  file: Pick<SourceFile, 'path' | 'size' | 'member' | 'head'>,
): Promise<{ size: number; gzip: boolean }> {
  if (!file.member) return contentSize(file.path, file.size);
  const gzip = /\.gz$/i.test(file.member.name);
  return { size: gzip ? Number.MAX_SAFE_INTEGER : file.size, gzip };
}

function section(doc: Record<string, unknown>, key: string): unknown[] {
  const value = doc[key];
  return Array.isArray(value) ? value : [];
}

async function importParsed(ctx: ImportContext, sink: NativeSink, gzip: boolean): Promise<void> {
  // One read and one UTF-8 decode into a flat string. readFile(path, 'utf8') from fs/promises
  // reads in 512 KiB round trips and decodes chunk by chunk into a rope that JSON.parse must
  // flatten again; one synchronous read is about a third faster on a 200 MB file.
  // An archive member has no file of its own to read at once: it is inflated as a stream.
  const doc =
    gzip || ctx.file.member
      ? await ctx.readJson()
      : parseJson(
          readFileSync(ctx.file.path)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
          ctx.file.displayPath,
        );
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw messages.wrongType(ctx.file.displayPath, '$', 'an object', doc);
  }
  const record = doc as Record<string, unknown>;
  sink.header(record);
  const devices = section(record, 'devices');
  for (let i = 0; i < devices.length; i++) sink.device(devices[i], i);
  const weaknesses = section(record, 'weaknesses');
  for (let i = 0; i < weaknesses.length; i++) sink.weakness(weaknesses[i], i);
  sink.sectionDone('weaknesses');
  const findings = section(record, 'findings');
  for (let i = 0; i < findings.length; i++) sink.finding(findings[i], i);
  sink.finish();
}

/** A native importer; `streamAbove` lowers the streaming threshold (tests use it). */
export function createNativeImporter(options: { streamAbove?: number } = {}): Importer {
  const streamAbove = options.streamAbove ?? STREAM_ABOVE;
  return {
    format: 'native',
    label: 'Exposure snapshot JSON (exposure-snapshot/1)',
    detect: (head) => SIGNATURE.test(head),
    async import(ctx) {
      const { size, gzip } = await contentSizeOf(ctx.file);
      // What may not be held whole is streamed: above the threshold or the document limit.
      if (size > Math.min(streamAbove, inputLimits().maxDocumentBytes))
        return streamNative(ctx, new NativeSink(ctx));
      try {
        await importParsed(ctx, new NativeSink(ctx), gzip);
      } catch (e) {
        // A gzip trailer's size is only the size modulo 4 GiB, and may lie: a "small" gzip that
        // inflates past the document limit is streamed after all (a fresh sink: nothing of the
        // first try was added, as the document is read whole before any of it is handed on).
        if (!(gzip && e instanceof LimitError && e.limit === 'document')) throw e;
        await streamNative(ctx, new NativeSink(ctx));
      }
    },
  };
}

export const nativeImporter = createNativeImporter();
