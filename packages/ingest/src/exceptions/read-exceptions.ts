/**
 * Exceptions files: accepted risks, one per row, as CSV (a header row, names in any case) or as
 * JSON (`exposure-exceptions/1`, schemas/exposure-exceptions-1.schema.json).
 *
 * | CSV column / JSON field | rule                                                            |
 * | ----------------------- | --------------------------------------------------------------- |
 * | weakness (required)     | weakness id, any case; `*` for every weakness                   |
 * | device                  | only this device: id, else name (exact, then any case)          |
 * | group                   | only the devices of this group                                  |
 * | software                | only findings through `vendor/product`, or `product` of any vendor |
 * | reason, owner           | shown in the report                                             |
 * | expires                 | last day it holds (YYYY-MM-DD, UTC); after it, findings count again |
 * | approvedBy (approved by, approved_by) | shown in the report                               |
 *
 * An unknown column is refused rather than ignored: a misspelt `expires` would otherwise make
 * an exception permanent without anyone noticing.
 */
import type { ExceptionRule } from '@exposure/score';
import { createContext, openSource } from '../context.js';
import type { SourceFile } from '../importer.js';
import { parseTime } from '../time.js';
import { checkAgainstSchema } from '../check-schema.js';
import { jsonPath, messages } from '../messages.js';
import { fromCsvError } from '../formats/shared/csv-error.js';
import { csvRecords } from '../formats/shared/csv.js';

const FIELDS = [
  'weakness',
  'device',
  'group',
  'software',
  'reason',
  'owner',
  'expires',
  'approvedBy',
] as const;
type Field = (typeof FIELDS)[number];

/** Header spellings, lower case without spaces, dashes or underscores. */
const HEADER: Record<string, Field> = Object.fromEntries(
  FIELDS.map((f) => [f.toLowerCase(), f]),
) as Record<string, Field>;

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[\s_-]+/g, '');
}

function validDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseTime(value) !== undefined;
}

function parseSoftware(value: string): ExceptionRule['software'] | undefined {
  const parts = value.split('/').map((p) => p.trim());
  if (parts.length === 1 && parts[0]) return { vendor: '', product: parts[0] };
  if (parts.length === 2 && parts[1]) return { vendor: parts[0]!, product: parts[1] };
  return undefined;
}

/** Builds a rule from checked cells; `place` is "line 3" or "$.exceptions[2]". */
function toRule(
  file: string,
  place: string,
  cells: Partial<Record<Field, string>>,
  placeOf: (field: Field) => string,
): ExceptionRule {
  const weakness = cells.weakness?.trim();
  if (!weakness) throw messages.noExceptionWeakness(file, place);
  const rule: ExceptionRule = { source: `${file} ${place}`, weakness };
  for (const field of ['device', 'group', 'reason', 'owner', 'approvedBy'] as const) {
    const v = cells[field]?.trim();
    if (v) rule[field] = v;
  }
  const software = cells.software?.trim();
  if (software) {
    const parsed = parseSoftware(software);
    if (!parsed) throw messages.badExceptionSoftware(file, placeOf('software'), software);
    rule.software = parsed;
  }
  const expires = cells.expires?.trim();
  if (expires) {
    if (!validDay(expires)) throw messages.badExceptionDate(file, placeOf('expires'), expires);
    rule.expires = expires;
  }
  return rule;
}

async function readCsv(file: SourceFile): Promise<ExceptionRule[]> {
  const at = file.displayPath;
  const ctx = await createContext(file);
  const parser = await csvRecords(ctx, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: false,
  });
  const rules: ExceptionRule[] = [];
  let columns: Array<Field> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        columns = record.map((cell) => {
          const field = HEADER[headerKey(cell)];
          if (!field)
            throw messages.exceptionsColumns(at, `has an unknown column "${cell}"`, FIELDS);
          return field;
        });
        if (!columns.includes('weakness'))
          throw messages.exceptionsColumns(at, 'has no weakness column', FIELDS);
        continue;
      }
      const cells: Partial<Record<Field, string>> = {};
      columns.forEach((field, i) => (cells[field] = record[i]));
      const place = `line ${info.lines}`;
      rules.push(toRule(at, place, cells, () => place));
    }
  } catch (e) {
    throw fromCsvError(e, at);
  }
  if (!columns) throw messages.emptyFile(at);
  return rules;
}

async function readJsonRules(file: SourceFile): Promise<ExceptionRule[]> {
  const at = file.displayPath;
  const doc = await (await createContext(file)).readJson();
  checkAgainstSchema('exposure-exceptions-1', doc, at);
  const entries = (doc as { exceptions: Array<Partial<Record<Field, string>>> }).exceptions;
  return entries.map((cells, i) =>
    toRule(at, jsonPath(['exceptions', i]), cells, (field) => jsonPath(['exceptions', i, field])),
  );
}

/** Reads an exceptions file, CSV or JSON (told apart by content). */
export async function readExceptionsSource(file: SourceFile): Promise<ExceptionRule[]> {
  return /^\s*[[{]/.test(file.head) ? readJsonRules(file) : readCsv(file);
}

export async function readExceptions(path: string, displayPath = path): Promise<ExceptionRule[]> {
  return readExceptionsSource(await openSource(path, displayPath));
}
