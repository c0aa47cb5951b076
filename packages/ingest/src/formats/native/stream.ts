import type Assembler from 'stream-json/Assembler.js';
import type { ImportContext } from '../../importer.js';
import { InputError, jsonPath, messages } from '../../messages.js';
import type { NativeSink } from './sink.js';

const SECTIONS = new Set(['devices', 'weaknesses', 'findings']);

interface Token {
  name: string;
  value?: string;
}

function primitive(t: Token): { ok: true; value: unknown } | { ok: false } {
  switch (t.name) {
    case 'stringValue':
      return { ok: true, value: t.value };
    case 'numberValue':
      return { ok: true, value: Number(t.value) };
    case 'trueValue':
      return { ok: true, value: true };
    case 'falseValue':
      return { ok: true, value: false };
    case 'nullValue':
      return { ok: true, value: null };
    default:
      return { ok: false };
  }
}

/**
 * Reads a native snapshot too large for one string (V8 caps strings near 512 MiB) as a token
 * stream: each element of devices[], weaknesses[] and findings[] is assembled on its own and handed
 * to the sink, so memory holds one element at a time (plus findings that come before weaknesses).
 */
export async function streamNative(ctx: ImportContext, sink: NativeSink): Promise<void> {
  const file = ctx.file.displayPath;
  // Imported on use: only files too big for one string get here.
  const [{ default: StreamJson }, { default: AssemblerClass }] = await Promise.all([
    import('stream-json'),
    import('stream-json/Assembler.js'),
  ]);
  const tokens = ctx.openStream().pipe(StreamJson.parser({ streamValues: false }));
  const header: Record<string, unknown> = {};
  let depth = 0;
  let key: string | undefined;
  let section: string | undefined;
  let index = 0;
  let element: Assembler | undefined;
  let other: Assembler | undefined;
  try {
    for await (const t of tokens as AsyncIterable<Token>) {
      if (element) {
        element.consume(t);
        if (element.done) {
          deliver(sink, section!, element.current, index++);
          element = undefined;
        }
        continue;
      }
      if (other) {
        other.consume(t);
        if (other.done) {
          header[key!] = other.current;
          other = undefined;
        }
        continue;
      }
      if (depth === 0) {
        if (t.name !== 'startObject')
          throw messages.wrongType(file, '$', 'an object', t.name === 'startArray' ? [] : t.value);
        depth = 1;
      } else if (section !== undefined) {
        if (t.name === 'endArray') {
          header[section] = [];
          sink.sectionDone(section as 'devices');
          section = undefined;
        } else if (t.name === 'startObject' || t.name === 'startArray') {
          element = new AssemblerClass();
          element.consume(t);
        } else {
          const p = primitive(t);
          if (p.ok) deliver(sink, section, p.value, index++);
        }
      } else if (t.name === 'keyValue') {
        key = t.value!;
      } else if (t.name === 'endObject') {
        depth = 0;
      } else if (t.name === 'startArray' && key !== undefined && SECTIONS.has(key)) {
        section = key;
        index = 0;
      } else if (t.name === 'startObject' || t.name === 'startArray') {
        other = new AssemblerClass();
        other.consume(t);
      } else {
        const p = primitive(t);
        if (p.ok && key !== undefined) header[key] = p.value;
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    const place = section !== undefined ? jsonPath([section, index]) : '$';
    if (/has expected|unexpected end|premature/i.test(reason))
      throw messages.truncated(file, `after ${place}`);
    throw messages.badJson(file, `at ${place}`, reason.replace(/^Parser cannot parse input: /, ''));
  }
  if (depth !== 0) throw messages.truncated(file, 'end of file');
  sink.header(header);
  sink.finish();
}

function deliver(sink: NativeSink, section: string, value: unknown, index: number): void {
  if (section === 'devices') sink.device(value, index);
  else if (section === 'weaknesses') sink.weakness(value, index);
  else sink.finding(value, index);
}
