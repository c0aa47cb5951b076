/**
 * `--engine duckdb`: the assessment's numbers computed by the model as SQL (@exposure/sql) on
 * DuckDB, from the fleet state written as Parquet tables, out of core.
 *
 * The one evaluation still builds the fleet state, the trend and everything descriptive (titles,
 * weaknesses, deadlines, the plan); what the SQL computes — every device, group and organization
 * score and level, the devices by level, and every recommendation's exposure impact — replaces
 * the TypeScript engine's in the assessment and in exposure.json, and the orders that follow from
 * those numbers are made again from them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  round2,
  type Assessment,
  type DeviceAssessment,
  type GroupAssessment,
  type Recommendation,
  type ReportDocument,
} from '@exposure/score';
import type { SqlAssessment } from '@exposure/sql';
import type { CliDeps } from '../deps.js';
import type { Evaluation } from './evaluate.js';

export type Engine = 'default' | 'duckdb';

export const ENGINES: readonly Engine[] = ['default', 'duckdb'];

/** DuckDB's memory limit for scoring: beyond it, joins and aggregations spill to a temp folder. */
export const DUCKDB_MEMORY_LIMIT = '2GB';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Descending, ties within 1e-12 counted as ties: for groups and recommendations, whose numbers are
 * sums over many devices that a parallel SQL engine adds in no fixed order, so that two equal
 * ones can differ in the last bits (~1e-14) and would otherwise be ordered by noise; within 1e-12
 * the next key decides, as in the default engine. Device scores need no tolerance: the SQL sums a
 * device's terms in a fixed order (model.sql, `pair_log_sum`), so devices with the same pairs get
 * bit-equal scores there too, and a saturated device's 100 − 1e-13 keeps its place below 100.
 */
const TIE = 1e-12;
const descending = (a: number, b: number): number => (Math.abs(a - b) <= TIE ? 0 : b - a);

/** Writes the evaluation's fleet state as Parquet into a temp folder and scores it there. */
export async function scoreWithDuckdb(evaluation: Evaluation, deps: CliDeps): Promise<Evaluation> {
  const sql = await deps.loadSql();
  const dir = await mkdtemp(join(tmpdir(), 'exposure-duckdb-'));
  try {
    // Only the model reads these files: their rows need no sorting.
    await sql.writeParquet(evaluation.state.snapshot, [], dir, { sorted: false });
    const spill = join(dir, 'spill');
    const result = await sql.scoreParquet(dir, {
      memoryLimit: DUCKDB_MEMORY_LIMIT,
      tempDirectory: spill,
    });
    return withSqlNumbers(evaluation, result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The evaluation with the SQL's numbers in its assessment and its document. */
export function withSqlNumbers(evaluation: Evaluation, sql: SqlAssessment): Evaluation {
  const a = evaluation.assessment;
  const missing = (what: string): never => {
    // The SQL and the state it was given disagree on what exists: a bug, never bad input.
    throw new Error(`the DuckDB engine gave no result for ${what} (a bug in Exposure)`);
  };
  const devices: DeviceAssessment[] = a.devices
    .map((d) => {
      const s = sql.devices.get(d.id) ?? missing(`device ${d.id}`);
      return {
        ...d,
        score: s.score,
        display: Math.round(s.score),
        level: s.level,
        openWeaknesses: s.openWeaknesses,
      };
    })
    .sort((x, y) => y.score - x.score || byId(x, y)); // exact, see `descending`
  const groups: GroupAssessment[] = a.groups
    .map((g) => {
      const s = sql.groups.get(g.name) ?? missing(`group ${g.name ?? '(none)'}`);
      return {
        ...g,
        score: s.score,
        display: Math.round(s.score),
        level: s.level,
        devices: s.devices,
        byLevel: s.byLevel,
      };
    })
    .sort(
      (x, y) =>
        descending(x.score, y.score) || (x.name ?? '\uffff').localeCompare(y.name ?? '\uffff'),
    );
  const recommendations: Recommendation[] = a.recommendations
    .map((r) => ({
      ...r,
      exposureImpact: sql.impacts.get(r.id) ?? missing(`recommendation ${r.id}`),
    }))
    .sort(
      (x, y) =>
        descending(x.exposureImpact, y.exposureImpact) ||
        y.exposedDevices - x.exposedDevices ||
        byId(x, y),
    );
  const assessment: Assessment = {
    ...a,
    score: sql.score,
    display: Math.round(sql.score),
    level: sql.level,
    devices,
    deviceCounts: { ...a.deviceCounts, byLevel: sql.byLevel },
    groups,
    recommendations,
  };
  const doc = evaluation.document;
  const items = new Map(doc.devices.items.map((d) => [d.id, d]));
  const docRecs = new Map(doc.recommendations.map((r) => [r.id, r]));
  const docGroups = new Map(doc.groups.map((g) => [g.name, g]));
  const document: ReportDocument = {
    ...doc,
    score: round2(assessment.score),
    display: assessment.display,
    level: assessment.level,
    devices: {
      ...doc.devices,
      byLevel: sql.byLevel,
      items: devices.map((d) => ({
        ...(items.get(d.id) ?? missing(`device ${d.id} in exposure.json`)),
        score: round2(d.score),
        display: d.display,
        level: d.level,
        openWeaknesses: d.openWeaknesses,
      })),
    },
    // A group's trend is of the days before as well: the evaluation's, as the document's own trend.
    groups: groups.map((g) => {
      const trend = docGroups.get(g.name)?.trend;
      return { ...g, score: round2(g.score), ...(trend && { trend }) };
    }),
    recommendations: recommendations.map((r) => ({
      ...(docRecs.get(r.id) ?? missing(`recommendation ${r.id} in exposure.json`)),
      exposureImpact: round2(r.exposureImpact),
    })),
  };
  return { ...evaluation, assessment, document };
}
