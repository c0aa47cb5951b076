/**
 * FIRST EPSS daily scores, CSV, plain or gzip (epss_scores-YYYY-MM-DD.csv.gz).
 *
 * | file                                         | use                                   |
 * | -------------------------------------------- | ------------------------------------- |
 * | `#model_version:v2026.06.15,score_date:…`    | feeds.epss.modelVersion, scoreDate    |
 * | header `cve,epss,percentile`                 | required (percentile is not used)     |
 * | cve, epss                                    | epss on the weakness with that id     |
 */
import type { SnapshotBuilder } from '@exposure/score';
import { createContext, openSource } from '../../context.js';
import { messages } from '../../messages.js';
import type { SourceFile } from '../../importer.js';
import { fromCsvError } from '../shared/csv-error.js';
import { csvRecords } from '../shared/csv.js';

export interface EpssScores {
  modelVersion: string;
  scoreDate: string;
  scores: Map<string, number>;
}

const COMMENT = /^#\s*model_version:([^,\s]+)\s*,\s*score_date:(\S+)/;

/** True when the head of a file is an EPSS scores CSV. */
export function detectEpss(head: string): boolean {
  return /^#\s*model_version:/.test(head) || /^cve\s*[,;\t]\s*epss\b/i.test(head);
}

/**
 * Streams the scores (the full file has ~300k rows). With `only`, keeps just those CVEs, which
 * is all a report needs and keeps the map small.
 */
export async function readEpssSource(
  file: SourceFile,
  only?: ReadonlySet<string>,
): Promise<EpssScores> {
  const at = file.displayPath;
  const firstLine = file.head.split(/\r?\n/, 1)[0] ?? '';
  const meta = COMMENT.exec(firstLine);
  const headerLine = meta ? 2 : 1;
  const ctx = await createContext(file);
  const parser = await csvRecords(ctx, {
    comment: '#',
    comment_no_infix: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
  });
  const scores = new Map<string, number>();
  let header = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header) {
        header = false;
        if (record[0]?.toLowerCase() !== 'cve' || record[1]?.toLowerCase() !== 'epss') {
          throw messages.badEpssHeader(at, info.lines, record.join(','));
        }
        continue;
      }
      const [cve, epss] = record;
      if (!cve) continue;
      if (only && !only.has(cve)) continue;
      const value = Number(epss);
      if (epss === undefined || epss === '' || !Number.isFinite(value) || value < 0 || value > 1) {
        throw messages.badCsv(
          at,
          info.lines,
          `the EPSS score of ${cve} should be a number from 0 to 1, found "${epss ?? ''}"`,
        );
      }
      scores.set(cve, value);
    }
  } catch (e) {
    throw fromCsvError(e, at, headerLine);
  }
  if (header) throw messages.badEpssHeader(at, headerLine, '');
  return { modelVersion: meta?.[1] ?? 'unknown', scoreDate: meta?.[2] ?? '', scores };
}

export async function readEpss(
  path: string,
  only?: ReadonlySet<string>,
  displayPath = path,
): Promise<EpssScores> {
  return readEpssSource(await openSource(path, displayPath), only);
}

/** Sets the EPSS probability of every weakness the scores know; returns how many it set. */
export function applyEpss(builder: SnapshotBuilder, epss: EpssScores): number {
  let set = 0;
  for (const id of builder.weaknessIds()) {
    const score = epss.scores.get(id);
    if (score !== undefined && builder.updateWeakness(id, { epss: score })) set++;
  }
  return set;
}
