import type { ImportContext } from '../../importer.js';
import { jsonPath, messages } from '../../messages.js';
import type { NativeSink } from './sink.js';
import { splitDocument, SplitError } from './split.js';

const SECTIONS = new Set(['devices', 'weaknesses', 'findings']);

/**
 * Reads a native snapshot too large for one string (V8 caps strings near 512 MiB) piece by piece:
 * each element of devices[], weaknesses[] and findings[] is handed to the sink as it is read, so
 * memory holds a batch of elements at a time (plus findings that come before weaknesses).
 */
export async function streamNative(ctx: ImportContext, sink: NativeSink): Promise<void> {
  const file = ctx.file.displayPath;
  const header: Record<string, unknown> = {};
  try {
    await splitDocument(ctx.openStream() as AsyncIterable<Buffer>, SECTIONS, {
      field: (key, value) => (header[key] = value),
      element: (section, value, index) => {
        if (section === 'devices') sink.device(value, index);
        else if (section === 'weaknesses') sink.weakness(value, index);
        else sink.finding(value, index);
      },
      sectionDone: (section) => {
        header[section] = [];
        sink.sectionDone(section as 'devices');
      },
    });
  } catch (e) {
    if (!(e instanceof SplitError)) throw e;
    const place = e.section !== undefined ? jsonPath([e.section, e.index ?? 0]) : '$';
    if (e.kind === 'not-object')
      throw messages.invalid(file, '$', 'should be an object, found another kind of JSON value');
    if (e.kind === 'truncated') throw messages.truncated(file, `after ${place}`);
    throw messages.badJson(file, `at ${place}`, e.message);
  }
  sink.header(header);
  sink.finish();
}
