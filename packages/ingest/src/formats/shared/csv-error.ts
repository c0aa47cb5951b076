import { messages } from '../../messages.js';

/**
 * csv-parse's own errors (code `CSV_…`, with the line it stopped at) as an InputError naming the
 * file and the line; anything else is returned as it is, for the caller to rethrow.
 */
export function fromCsvError(e: unknown, file: string, fallbackLine = 1): unknown {
  if (
    e instanceof Error &&
    'code' in e &&
    String((e as { code: unknown }).code).startsWith('CSV_')
  ) {
    const line = (e as { lines?: number }).lines ?? fallbackLine;
    return messages.badCsv(file, line, e.message.replace(/^Invalid Record Length: /, ''));
  }
  return e;
}
