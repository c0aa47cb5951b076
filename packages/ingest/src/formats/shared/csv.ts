/**
 * The CSV inputs (assets, EPSS, exceptions) read through one door: csv-parse over the bounded
 * content stream, joined with `pipeline` so that a failure of the stream (a truncated gzip, the
 * input limit) ends the iteration with its InputError instead of an unhandled 'error' event, and
 * each record bounded by the line limit (csv-parse's max_record_size) so that one endless quoted
 * field cannot hold the whole file.
 */
import { pipeline } from 'node:stream';
import type { Options } from 'csv-parse';
import type { ImportContext } from '../../importer.js';
import { inputLimits } from '../../limits.js';

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export async function csvRecords(
  ctx: ImportContext,
  options: Options,
): Promise<AsyncIterable<CsvRecord>> {
  // Imported on use: most runs read no CSV, and `exposure score` should start fast.
  const { parse } = await import('csv-parse');
  const parser = parse({ ...options, info: true, max_record_size: inputLimits().maxLineBytes });
  return pipeline(ctx.openStream(), parser, () => undefined) as unknown as AsyncIterable<CsvRecord>;
}
