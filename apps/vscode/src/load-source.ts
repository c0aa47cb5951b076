import { open, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportDocument } from '@exposure/score';
import type { Engines } from './engines.js';
import { jsonSyntaxMessage } from '@exposure/ingest/json-syntax';
import { inputLimits } from '@exposure/ingest/limits';
import { fetchDocument, SourceError, type Validators } from './fetch-document.js';
import { siteBaseOf } from './links.js';
import type { SourceSpec } from './settings.js';
import type { Translate } from './translate.js';
import type { SourceInfo } from './view-state.js';

export type LoadableSpec = Extract<SourceSpec, { kind: 'demo' | 'url' | 'path' }>;

export interface LoadRequest {
  spec: LoadableSpec;
  group: string;
  t: Translate;
  engines: Engines;
  /** Validators of the document shown now, so an unchanged URL answers 304. */
  validators?: Validators | null;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

/** What to watch for a local source: the file, or everything under the folder. */
export interface WatchTarget {
  path: string;
  folder: boolean;
}

export type LoadResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      document: ReportDocument;
      source: SourceInfo;
      validators: Validators | null;
      watch: WatchTarget | null;
    };

const REPORT_MARK = '"exposure-report/';
const SNIFF_BYTES = 64 * 1024;

/** Loads any configured source; throws SourceError with a translated reason when it cannot. */
export async function loadSource(req: LoadRequest): Promise<LoadResult> {
  const { spec, t } = req;
  switch (spec.kind) {
    case 'demo':
      return {
        status: 'ok',
        document: await req.engines.scoreDemo(req.group),
        source: { kind: 'demo', label: 'demo', siteBase: null, documentPath: null },
        validators: null,
        watch: null,
      };
    case 'url': {
      const fetched = await fetchDocument(spec.url, {
        t,
        ...(req.validators ? { validators: req.validators } : {}),
        ...(req.fetchImpl ? { fetchImpl: req.fetchImpl } : {}),
        ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
        ...(req.maxBytes !== undefined ? { maxBytes: req.maxBytes } : {}),
      });
      if (fetched.status === 'not-modified') return fetched;
      return {
        status: 'ok',
        document: await parseDocument(fetched.text, spec.url, req),
        source: {
          kind: 'url',
          label: spec.label,
          siteBase: siteBaseOf(spec.url),
          documentPath: null,
        },
        validators: fetched.validators,
        watch: null,
      };
    }
    case 'path':
      return loadPath(spec.path, spec.label, req);
  }
}

async function loadPath(path: string, label: string, req: LoadRequest): Promise<LoadResult> {
  const { t } = req;
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new SourceError(
      error.code === 'ENOENT'
        ? t('{0} does not exist', path)
        : t('{0} cannot be read: {1}', path, error.code ?? error.message),
    );
  });
  if (info.isDirectory()) {
    const published = join(path, 'exposure.json');
    if (await isFile(published)) return loadDocumentFile(published, label, req);
    return loadInputs(path, label, true, req);
  }
  if (await looksLikeReport(path)) return loadDocumentFile(path, label, req);
  return loadInputs(path, label, false, req);
}

async function loadDocumentFile(
  file: string,
  label: string,
  req: LoadRequest,
): Promise<LoadResult> {
  const { t } = req;
  // The CLI's limit on a JSON document read whole (packages/ingest/src/limits.ts).
  const limit = req.maxBytes ?? inputLimits().maxDocumentBytes;
  const tooLarge = () =>
    new SourceError(t('{0} is larger than the {1} MB limit', file, Math.round(limit / 1048576)));
  if ((await stat(file)).size > limit) throw tooLarge();
  const text = await readAtMost(file, limit).catch((error: NodeJS.ErrnoException) => {
    throw new SourceError(t('{0} cannot be read: {1}', file, error.code ?? error.message));
  });
  if (text === null) throw tooLarge();
  const folder = dirname(file);
  const hasSite = await isFile(join(folder, 'index.html'));
  return {
    status: 'ok',
    document: await parseDocument(text, file, req),
    source: {
      kind: 'document',
      label,
      siteBase: hasSite ? pathToFileURL(folder.endsWith(sep) ? folder : folder + sep).href : null,
      documentPath: file,
    },
    validators: null,
    watch: { path: file, folder: false },
  };
}

async function loadInputs(
  path: string,
  label: string,
  folder: boolean,
  req: LoadRequest,
): Promise<LoadResult> {
  let document: ReportDocument;
  try {
    document = await req.engines.scoreInputs([path], req.group);
  } catch (error) {
    // InputError already names the file, the place and the problem.
    throw new SourceError(error instanceof Error ? error.message : String(error));
  }
  return {
    status: 'ok',
    document,
    source: { kind: 'inputs', label, siteBase: null, documentPath: null },
    validators: null,
    watch: { path, folder },
  };
}

/** Parses and validates a published document; nothing invalid ever replaces what is shown. */
export async function parseDocument(
  text: string,
  where: string,
  req: Pick<LoadRequest, 't' | 'engines'>,
): Promise<ReportDocument> {
  const { t } = req;
  // A UTF-8 byte order mark is accepted, as the CLI accepts it.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The place and the problem, never V8's message: it quotes the text, which may be the body
    // of whatever answered (and must not reach the user or a log).
    throw new SourceError(t('{0} is not valid JSON: {1}', where, jsonSyntaxMessage(json)));
  }
  const result = await req.engines.validate(value);
  if (!result.ok) {
    throw new SourceError(
      t('{0} is not a valid exposure.json: {1}', where, result.errors.slice(0, 3).join('; ')),
    );
  }
  return result.document;
}

/** A published document by name, or by its schema mark near the start. */
async function looksLikeReport(file: string): Promise<boolean> {
  if (basename(file).toLowerCase() === 'exposure.json') return true;
  if (!file.toLowerCase().endsWith('.json')) return false;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').includes(REPORT_MARK);
  } finally {
    await handle.close();
  }
}

/** The file as text, or null once it is longer than `limit` (it may grow after the stat). */
async function readAtMost(file: string, limit: number): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(8 * 1024 * 1024, limit + 1 - size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > limit) return null;
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
