/**
 * exposure-model/2 on DuckDB: the fleet state written as Parquet tables, and the model (model.sql)
 * run over those tables or over the same tables held in memory. DuckDB is given a memory limit
 * and a spill folder, so a fleet larger than memory is scored out of core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Level, LevelCounts, Recommendation, Snapshot } from '@exposure/score';
import { render, type Dialect } from './render.js';
import { loadSnapshot, ROW_ORDER, TABLE_NAMES, type TableName } from './tables.js';

export { render, CONSTANTS, DIALECTS, type Dialect } from './render.js';
export {
  TABLES,
  TABLE_NAMES,
  ROW_ORDER,
  createTableSql,
  type Column,
  type ColumnType,
  type TableName,
} from './tables.js';

/** The model's source, placeholders unfilled. */
export const MODEL_SOURCE = readFileSync(new URL('../src/model.sql', import.meta.url), 'utf8');

/** The model in one engine's dialect, constants filled in. */
export function modelSql(dialect: Dialect = 'duckdb'): string {
  return render(MODEL_SOURCE, dialect);
}

export interface SqlGroup {
  score: number;
  level: Level;
  devices: number;
  byLevel: LevelCounts;
}

/** What the SQL computes: every number of the assessment that the model defines. */
export interface SqlAssessment {
  score: number;
  level: Level;
  devices: Map<string, { score: number; openWeaknesses: number; level: Level }>;
  byLevel: LevelCounts;
  /** By group name; null for the devices of no group. */
  groups: Map<string | null, SqlGroup>;
  /** E − E′ by recommendation id (recommendations with an open finding in scope). */
  impacts: Map<string, number>;
}

export interface WriteOptions extends DuckdbOptions {
  /**
   * Rows in ROW_ORDER (default). False: in the order of the state, which is as deterministic but
   * not sorted; for files only the model reads (--engine duckdb), where sorting is wasted work.
   */
  sorted?: boolean;
}

export interface DuckdbOptions {
  /** DuckDB's memory_limit (e.g. '2GB'); beyond it, operators spill to `tempDirectory`. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
}

function emptyCounts(): LevelCounts {
  return { none: 0, low: 0, medium: 0, high: 0 };
}

interface Session {
  c: DuckDBConnection;
  close(): void;
}

async function open(options: DuckdbOptions): Promise<Session> {
  const config: Record<string, string> = {};
  if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
  if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory;
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  const db = await DuckDBInstance.create(':memory:', config);
  const c = await db.connect();
  return {
    c,
    close: () => {
      c.closeSync();
      db.closeSync();
    },
  };
}

const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Runs model.sql on the connection's devices/weaknesses/findings and reads its rows back. */
async function runModel(c: DuckDBConnection): Promise<SqlAssessment> {
  const rows = (await c.runAndReadAll(modelSql('duckdb'))).getRowObjects();
  const out: SqlAssessment = {
    score: 0,
    level: 'low',
    devices: new Map(),
    byLevel: emptyCounts(),
    groups: new Map(),
    impacts: new Map(),
  };
  const group = (name: string | null): SqlGroup => {
    let g = out.groups.get(name);
    if (!g) {
      g = { score: 0, level: 'low', devices: 0, byLevel: emptyCounts() };
      out.groups.set(name, g);
    }
    return g;
  };
  for (const r of rows) {
    const key = r['key'] as string | null;
    const value = r['value'] as number | null;
    const n = r['n'] === null ? 0 : Number(r['n']);
    const level = r['level'] as Level | null;
    switch (r['kind']) {
      case 'device':
        out.devices.set(key!, { score: value!, openWeaknesses: n, level: level! });
        break;
      case 'levels':
        out.byLevel[level!] = n;
        break;
      case 'organization':
        out.score = value!;
        out.level = level!;
        break;
      case 'group': {
        const g = group(key);
        g.score = value!;
        g.level = level!;
        g.devices = n;
        break;
      }
      case 'group_levels':
        group(key).byLevel[level!] = n;
        break;
      default:
        out.impacts.set(key!, value!);
    }
  }
  return out;
}

/** Scores a fleet state on DuckDB, its tables held in memory (the parity tests' path). */
export async function scoreSnapshot(
  snapshot: Snapshot,
  options: DuckdbOptions = {},
): Promise<SqlAssessment> {
  const { c, close } = await open(options);
  try {
    await loadSnapshot(c, snapshot);
    return await runModel(c);
  } finally {
    close();
  }
}

export const PARQUET_FILES: Readonly<Record<TableName, string>> = {
  devices: 'devices.parquet',
  weaknesses: 'weaknesses.parquet',
  findings: 'findings.parquet',
  recommendations: 'recommendations.parquet',
};

/**
 * Writes the fleet state as devices, weaknesses, findings and recommendations Parquet files into
 * `dir` (which must exist), each in its fixed row order (ROW_ORDER), so the same state gives the
 * same files. Returns the row count of each table.
 */
export async function writeParquet(
  snapshot: Snapshot,
  recommendations: readonly Recommendation[],
  dir: string,
  options: WriteOptions = {},
): Promise<Record<TableName, number>> {
  const { c, close } = await open(options);
  try {
    await loadSnapshot(c, snapshot, recommendations);
    const counts = {} as Record<TableName, number>;
    for (const name of TABLE_NAMES) {
      const path = join(dir, PARQUET_FILES[name]);
      await c.run(
        `COPY (SELECT * FROM ${name}${options.sorted === false ? '' : ` ORDER BY ${ROW_ORDER[name]}`}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const n = (await c.runAndReadAll(`SELECT count(*) AS n FROM ${name}`)).getRowObjects()[0]!;
      counts[name] = Number(n['n']);
    }
    return counts;
  } finally {
    close();
  }
}

/**
 * Scores the Parquet tables in `dir` (as `writeParquet` wrote them, or the same schema written by
 * any other tool). The tables are read where they lie, not loaded first: with a memory limit,
 * DuckDB streams them and spills what does not fit.
 */
export async function scoreParquet(
  dir: string,
  options: DuckdbOptions = {},
): Promise<SqlAssessment> {
  const { c, close } = await open(options);
  try {
    for (const name of TABLE_NAMES)
      await c.run(
        `CREATE VIEW ${name} AS SELECT * FROM read_parquet(${literal(join(dir, PARQUET_FILES[name]))})`,
      );
    return await runModel(c);
  } finally {
    close();
  }
}
