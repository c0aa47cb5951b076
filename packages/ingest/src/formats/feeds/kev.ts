/**
 * CISA Known Exploited Vulnerabilities catalog, JSON form (known_exploited_vulnerabilities.json);
 * the CSV form is read by kev-csv.ts into the same catalog.
 *
 * | catalog                  | use                                                  |
 * | ------------------------ | ---------------------------------------------------- |
 * | catalogVersion           | feeds.kev.catalogVersion                             |
 * | dateReleased             | feeds.kev.dateReleased                               |
 * | count                    | feeds.kev.count (else the number of entries)         |
 * | vulnerabilities[].cveID  | kev = true on the weakness with that exact id        |
 * | vulnerabilities[].dueDate | dueDates: the remediation due date (YYYY-MM-DD)     |
 */
import type { SnapshotBuilder } from '@exposure/score';
import { createContext, openSource } from '../../context.js';
import { jsonPath, messages } from '../../messages.js';
import type { SourceFile } from '../../importer.js';
import { detectKevCsv, readKevCsv } from './kev-csv.js';

export interface KevCatalog {
  catalogVersion: string;
  dateReleased?: string;
  count: number;
  cves: Set<string>;
  /** CISA's remediation due date (YYYY-MM-DD) by CVE id, where the listing gives a valid one. */
  dueDates?: Map<string, string>;
}

/** True when the head of a file is a KEV catalog, JSON or CSV. */
export function detectKev(head: string): boolean {
  return (
    // A string version: the catalog's JSON Schema names the same keys, with objects for values.
    (/"catalogVersion"\s*:\s*"/.test(head) && /"vulnerabilities"\s*:/.test(head)) ||
    detectKevCsv(head)
  );
}

/** Reads a KEV catalog (JSON: 1–2 MB, so parsed whole); every problem names its JSON path or line. */
export async function readKevSource(file: SourceFile): Promise<KevCatalog> {
  const ctx = await createContext(file);
  const at = file.displayPath;
  if (detectKevCsv(file.head)) return readKevCsv(ctx, at);
  const doc = await ctx.readJson();
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw messages.wrongType(at, '$', 'an object', doc);
  const { catalogVersion, dateReleased, count, vulnerabilities } = doc as Record<string, unknown>;
  if (catalogVersion === undefined) throw messages.missing(at, '$', 'catalogVersion');
  if (typeof catalogVersion !== 'string')
    throw messages.wrongType(at, '$.catalogVersion', 'a string', catalogVersion);
  if (dateReleased !== undefined && typeof dateReleased !== 'string') {
    throw messages.wrongType(at, '$.dateReleased', 'a string', dateReleased);
  }
  if (count !== undefined && !Number.isInteger(count))
    throw messages.wrongType(at, '$.count', 'an integer', count);
  if (vulnerabilities === undefined) throw messages.missing(at, '$', 'vulnerabilities');
  if (!Array.isArray(vulnerabilities))
    throw messages.wrongType(at, '$.vulnerabilities', 'an array', vulnerabilities);
  const cves = new Set<string>();
  const dueDates = new Map<string, string>();
  vulnerabilities.forEach((v: unknown, i) => {
    const path = ['vulnerabilities', i];
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw messages.wrongType(at, jsonPath(path), 'an object', v);
    const id = (v as { cveID?: unknown }).cveID;
    if (id === undefined) throw messages.missing(at, jsonPath(path), 'cveID');
    if (typeof id !== 'string' || id === '')
      throw messages.wrongType(at, jsonPath([...path, 'cveID']), 'a CVE id', id);
    cves.add(id.trim());
    const due = (v as { dueDate?: unknown }).dueDate;
    if (typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due.trim()))
      dueDates.set(id.trim(), due.trim());
  });
  return {
    catalogVersion,
    ...(typeof dateReleased === 'string' && { dateReleased }),
    count: typeof count === 'number' ? count : cves.size,
    cves,
    dueDates,
  };
}

export async function readKev(path: string, displayPath = path): Promise<KevCatalog> {
  return readKevSource(await openSource(path, displayPath));
}

/** Marks every weakness the catalog lists as known exploited; returns how many it marked. */
export function applyKev(builder: SnapshotBuilder, catalog: KevCatalog): number {
  let marked = 0;
  for (const id of builder.weaknessIds()) {
    if (catalog.cves.has(id) && builder.updateWeakness(id, { kev: true })) marked++;
  }
  return marked;
}
