/**
 * Which Defender response a file holds, and its records.
 *
 * A response names its entity in `@odata.context` (`…/$metadata#Machines`,
 * `…#Collection(microsoft.windowsDefenderATP.api.AssetVulnerability)`); that decides when present
 * and known. Files saved without the envelope (a bare list, one entity), or from a proxy that
 * rewrote the context, are recognised by the keys of their records. Export files are JSON lines:
 * one record per line, no envelope.
 */
import type { ImportContext } from '../../importer.js';
import { pipeline } from 'node:stream';
import { InputError, messages } from '../../messages.js';
import { contentSizeOf, STREAM_ABOVE } from '../native/index.js';
import { isRecord, JsonLocator } from './fields.js';

export type DefenderShape =
  | 'machines'
  | 'vulnerabilities'
  | 'recommendations'
  | 'software-vulnerabilities'
  | 'machine-vulnerabilities'
  | 'configurations'
  | 'software-inventory'
  | 'export-files'
  | 'export-lines'
  | 'software'
  | 'exposure-score'
  | 'configuration-score';

const BY_METADATA: Array<[RegExp, DefenderShape]> = [
  [/^(Machines|Machine|MachineReferences)(\/\$entity)?$/, 'machines'],
  [/^Vulnerabilities(\/\$entity)?$|PublicVulnerabilityDto\)$/, 'vulnerabilities'],
  [/^Recommendations(\/\$entity)?$/, 'recommendations'],
  [/\.(Delta)?AssetVulnerability\)$/, 'software-vulnerabilities'],
  [/PublicAssetVulnerabilityDto\)$/, 'machine-vulnerabilities'],
  [/\.AssetConfiguration\)$/, 'configurations'],
  [/\.AssetSoftware\)$/, 'software-inventory'],
  [/ExportFilesResponse$/, 'export-files'],
  [/^Software(\/\$entity)?$|\.PublicProductDto\)?$/, 'software'],
  [/^ExposureScore(\/\$entity)?$/, 'exposure-score'],
  [/^ConfigurationScore(\/\$entity)?$/, 'configuration-score'],
];

const CONTEXT = /"@odata\.context"\s*:\s*"[^"#]*#([^"]*)"/;
const KEY = /"([A-Za-z@.]+)"\s*:/g;

function byMetadata(head: string): DefenderShape | undefined {
  const name = CONTEXT.exec(head)?.[1];
  return name === undefined ? undefined : BY_METADATA.find(([re]) => re.test(name))?.[1];
}

/** The shape a set of (lower-cased) record keys belongs to; order matters: the most specific first. */
function byKeys(keys: ReadonlySet<string>): DefenderShape | undefined {
  const has = (...names: string[]) => names.every((n) => keys.has(n));
  if (has('exportfiles')) return 'export-files';
  if (has('machineid', 'cveid')) return 'machine-vulnerabilities';
  // A record without its device id is still recognised, so that the import names what is missing.
  if (has('cveid') && (has('deviceid') || has('devicename'))) return 'software-vulnerabilities';
  if (has('deviceid', 'configurationid')) return 'configurations';
  if (has('deviceid', 'softwarename')) return 'software-inventory';
  if (has('id', 'recommendationname')) return 'recommendations';
  if (has('id', 'computerdnsname', 'osplatform')) return 'machines';
  if (has('id', 'vendor', 'weaknesses', 'exposedmachines') && !has('severity')) return 'software';
  if (
    has('id', 'severity') &&
    (has('exploitinkit') || has('exploitverified') || has('publishedon'))
  ) {
    return 'vulnerabilities';
  }
  return undefined;
}

function keysOf(text: string): Set<string> {
  const keys = new Set<string>();
  for (const m of text.matchAll(KEY)) keys.add(m[1]!.toLowerCase());
  return keys;
}

/** JSON lines: the first line is a whole record (no envelope) and the next line starts another. */
function isJsonLines(head: string): boolean {
  const lines = head.split(/\r?\n/, 3).map((l) => l.trim());
  const first = lines[0] ?? '';
  if (!first.startsWith('{') || !first.endsWith('}')) return false;
  if (lines.length > 1 && lines[1] !== '' && !lines[1]!.startsWith('{')) return false;
  try {
    const rec: unknown = JSON.parse(first);
    return isRecord(rec) && !('value' in rec) && !('@odata.context' in rec);
  } catch {
    return false;
  }
}

function detect(head: string): DefenderShape | undefined {
  const start = head.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return undefined;
  if (isJsonLines(start)) {
    const end = start.indexOf('\n');
    const row = byKeys(keysOf(end === -1 ? start : start.slice(0, end)));
    return row === 'software-vulnerabilities' ||
      row === 'configurations' ||
      row === 'software-inventory'
      ? 'export-lines'
      : undefined;
  }
  return byMetadata(start) ?? byKeys(keysOf(start));
}

let lastHead: string | undefined;
let lastShape: DefenderShape | undefined;

/** The Defender shape of a file's beginning, or undefined. Never throws; remembers the last answer. */
export function detectShape(head: string): DefenderShape | undefined {
  if (head !== lastHead) {
    lastHead = head;
    lastShape = detect(head);
  }
  return lastShape;
}

/** The shape of one record's keys (for export lines, where each file holds one kind of record). */
export function rowShape(rec: Record<string, unknown>): DefenderShape | undefined {
  return byKeys(new Set(Object.keys(rec).map((k) => k.toLowerCase())));
}

/**
 * A JSON response's records: `value[]` of the envelope, a bare list, or one entity
 * (`GET /api/machines/{id}`), with a locator that names each record's JSON path.
 */
export async function readRecords(
  ctx: ImportContext,
): Promise<{ records: unknown[]; loc: JsonLocator }> {
  const file = ctx.file.displayPath;
  const doc = await ctx.readJson();
  if (Array.isArray(doc)) return { records: doc, loc: new JsonLocator(file, [], true) };
  if (!isRecord(doc))
    throw messages.wrongType(file, '$', 'a Defender API response (an object or a list)', doc);
  if ('value' in doc) {
    if (!Array.isArray(doc.value))
      throw messages.wrongType(file, '$.value', 'a list of records', doc.value);
    return { records: doc.value, loc: new JsonLocator(file, ['value'], true) };
  }
  return { records: [doc], loc: new JsonLocator(file, [], false) };
}

/** How a large response is laid out, from its head: a bare list or the `value[]` envelope. */
function streamableShape(head: string): 'list' | 'envelope' | undefined {
  const start = /^\s*([[{])/.exec(head)?.[1];
  if (start === '[') return 'list';
  if (start === '{' && /"value"\s*:\s*\[/.test(head)) return 'envelope';
  return undefined;
}

/**
 * The records of a response, each with the locator pointing at it (for error messages). A
 * response larger than `streamAbove` (uncompressed) is read as a token stream, one record at a
 * time: a full `SoftwareVulnerabilitiesByMachine` response runs to gigabytes, more than one
 * string or one object graph can hold.
 */
export async function* eachRecord(
  ctx: ImportContext,
  streamAbove = STREAM_ABOVE,
): AsyncGenerator<{ record: unknown; loc: JsonLocator }> {
  const { size } = await contentSizeOf(ctx.file);
  const shape = size > streamAbove ? streamableShape(ctx.file.head) : undefined;
  if (shape === undefined) {
    const { records, loc } = await readRecords(ctx);
    for (let i = 0; i < records.length; i++) {
      loc.index = i;
      yield { record: records[i], loc };
    }
    return;
  }
  const file = ctx.file.displayPath;
  const loc = new JsonLocator(file, shape === 'envelope' ? ['value'] : [], true);
  // pipeline, not pipe: an error anywhere (bad JSON, a gzip that breaks off) ends the iteration.
  // Imported on use: only responses too big for one string get here.
  const [{ default: StreamJson }, { default: Pick }, { default: StreamArray }] = await Promise.all([
    import('stream-json'),
    import('stream-json/filters/Pick.js'),
    import('stream-json/streamers/StreamArray.js'),
  ]);
  const source = ctx.openStream();
  const parser = StreamJson.parser();
  const records = StreamArray.streamArray();
  const done = () => undefined;
  const items = (shape === 'envelope'
    ? pipeline(source, parser, Pick.pick({ filter: 'value' }), records, done)
    : pipeline(source, parser, records, done)) as unknown as AsyncIterable<{
    key: number;
    value: unknown;
  }>;
  let next = 0;
  try {
    for await (const { key, value } of items) {
      loc.index = key;
      next = key + 1;
      yield { record: value, loc };
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    loc.index = next;
    if (/has expected|unexpected end|premature/i.test(reason))
      throw messages.truncated(file, `at ${loc.at()}`);
    throw messages.badJson(
      file,
      `at ${loc.at()}`,
      reason.replace(/^Parser cannot parse input: /, ''),
    );
  }
}
