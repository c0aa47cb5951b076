import { InputError, messages } from '../../messages.js';

/** csv-parse's error codes: most start with CSV_, one does not. */
function isCsvError(e: unknown): e is Error & { code: string; lines?: number; record?: unknown } {
  if (!(e instanceof Error) || !('code' in e)) return false;
  const code = String((e as { code: unknown }).code);
  return code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE';
}

/** csv-parse's message in the words of the other messages, with a hint where one helps. */
function problem(e: Error & { code: string; record?: unknown }, line: number): string {
  const fields = /expect (\d+), got (\d+)/.exec(e.message);
  if (fields) {
    const record = Array.isArray(e.record) ? e.record.join(',') : '';
    return (
      `has ${fields[2]} field${fields[2] === '1' ? '' : 's'} where the header has ${fields[1]}` +
      (record.includes(';') || record.includes('\t')
        ? ` (is the file separated by "${record.includes(';') ? ';' : '\\t'}"? Exposure reads comma-separated files)`
        : '')
    );
  }
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted field is never closed: the file ends inside it at line ${line} (a quote opened on this line or before it)`;
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside a field that does not start with one (quote the whole field and double the quote: "a ""b"" c")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows a closing quote (double a quote inside a quoted field: "a ""b"" c")';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a record is longer than the line limit; refused (raise it with --max-line-mb <MiB> or EXPOSURE_MAX_LINE_MB=<MiB>)';
    default:
      return e.message.replace(/^Invalid Record Length: /, '');
  }
}

/**
 * csv-parse's own errors (with the line it stopped at) as an InputError naming the file and the
 * line; an InputError from the stream (a truncated gzip, a limit) as it is; anything else is
 * returned as it is, for the caller to rethrow.
 */
export function fromCsvError(e: unknown, file: string, fallbackLine = 1): unknown {
  if (e instanceof InputError) return e;
  if (isCsvError(e)) {
    const line = e.lines ?? fallbackLine;
    return messages.badCsv(file, line, problem(e, line));
  }
  return e;
}
