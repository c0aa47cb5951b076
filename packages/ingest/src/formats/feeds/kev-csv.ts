/**
 * CISA Known Exploited Vulnerabilities catalog, CSV form (known_exploited_vulnerabilities.csv),
 * read into the same catalog as the JSON.
 *
 * | CSV                      | use                                                          |
 * | ------------------------ | ------------------------------------------------------------ |
 * | header `cveID,vendorProject,product,…` | required; columns found by name, in any order  |
 * | cveID                    | kev = true on the weakness with that exact id                |
 * | dueDate (YYYY-MM-DD)     | dueDates: the remediation due date                           |
 * | dateAdded (latest)       | catalogVersion `YYYY.MM.DD`: the CSV carries no version; CISA numbers each release by its date, and a release adds the entries of that day |
 * | the number of rows       | count                                                        |
 */
import { messages } from '../../messages.js';
import type { ImportContext } from '../../importer.js';
import { fromCsvError } from '../shared/csv-error.js';
import type { KevCatalog } from './kev.js';

/** The CSV's header: it starts with the CVE column (quoted or not), then the vendor column. */
const HEADER = /^\uFEFF?"?cveID"?\s*,\s*"?vendorProject"?\s*,/i;

export function detectKevCsv(head: string): boolean {
  return HEADER.test(head);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function readKevCsv(
  ctx: Pick<ImportContext, 'openStream'>,
  at: string,
): Promise<KevCatalog> {
  // Imported on use, as for EPSS: most runs read no CSV.
  const { parse } = await import('csv-parse');
  const parser = ctx.openStream().pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  const cves = new Set<string>();
  const dueDates = new Map<string, string>();
  let columns: { cve: number; due: number; added: number } | undefined;
  let latest = '';
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        const names = record.map((c) => c.toLowerCase());
        const cve = names.indexOf('cveid');
        if (cve === -1)
          throw messages.badCsv(at, info.lines, 'should be the KEV header, starting with cveID');
        columns = { cve, due: names.indexOf('duedate'), added: names.indexOf('dateadded') };
        continue;
      }
      const id = record[columns.cve]?.trim();
      if (!id) throw messages.badCsv(at, info.lines, 'has no cveID');
      rows++;
      cves.add(id);
      const due = columns.due === -1 ? undefined : record[columns.due]?.trim();
      if (due && DATE.test(due)) dueDates.set(id, due);
      const added = columns.added === -1 ? undefined : record[columns.added]?.trim();
      if (added && DATE.test(added) && added > latest) latest = added;
    }
  } catch (e) {
    throw fromCsvError(e, at);
  }
  if (!columns) throw messages.badCsv(at, 1, 'should be the KEV header, starting with cveID');
  return {
    catalogVersion: latest ? latest.replace(/-/g, '.') : 'unknown',
    count: rows,
    cves,
    dueDates,
  };
}
