import {
  LEVEL_BOUNDS,
  LIKELIHOOD,
  SEVERITY_FROM_LABEL,
  SEVERITY_UNKNOWN,
  VALUE_WEIGHT,
} from '@exposure/score';

/** The model's constants by placeholder name: the one mapping from model.ts to the SQL. */
export const CONSTANTS: Readonly<Record<string, number>> = {
  VALUE_LOW: VALUE_WEIGHT.low,
  VALUE_NORMAL: VALUE_WEIGHT.normal,
  VALUE_HIGH_MIN: VALUE_WEIGHT.highMinimum,
  VALUE_HIGH_PER_DEVICES: VALUE_WEIGHT.highPerDevices,
  SEVERITY_CRITICAL: SEVERITY_FROM_LABEL.critical,
  SEVERITY_HIGH: SEVERITY_FROM_LABEL.high,
  SEVERITY_MEDIUM: SEVERITY_FROM_LABEL.medium,
  SEVERITY_LOW: SEVERITY_FROM_LABEL.low,
  SEVERITY_NONE: SEVERITY_FROM_LABEL.none,
  SEVERITY_UNKNOWN,
  LIKELIHOOD_ACTIVE_ALERT: LIKELIHOOD.activeAlert,
  LIKELIHOOD_KEV: LIKELIHOOD.kev,
  LIKELIHOOD_WEAPONIZED: LIKELIHOOD.weaponized,
  LIKELIHOOD_POC: LIKELIHOOD.poc,
  LIKELIHOOD_NONE: LIKELIHOOD.none,
  LEVEL_MEDIUM_FROM: LEVEL_BOUNDS.mediumFrom,
  LEVEL_HIGH_FROM: LEVEL_BOUNDS.highFrom,
  // Not model constants: typed double literals, so that no engine infers an integer or a decimal.
  ZERO: 0,
  ONE: 1,
  HUNDRED: 100,
};

export type Dialect = 'duckdb' | 'spark' | 'trino' | 'clickhouse';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'spark', 'trino', 'clickhouse'];

/**
 * What differs between engines, and nothing else: the model itself is written once (model.sql).
 * `sum` is the sum of doubles: DuckDB's fsum is compensated (Kahan), so a parallel aggregation
 * gives (nearly always) the same bits whatever the order its threads finish in; the others have a
 * plain sum. `pair_log_sum` is a device's Σ ln(1 − r), in a fixed order where the engine has one.
 */
const SPELLINGS: Record<Dialect, Record<'double' | 'sum' | 'pair_log_sum', string>> = {
  // A sum in a fixed order (list_sum of an ordered list): fsum ignores an ORDER BY.
  duckdb: { double: 'DOUBLE', sum: 'fsum', pair_log_sum: 'list_sum(list(p.lr ORDER BY p.lr))' },
  spark: { double: 'DOUBLE', sum: 'sum', pair_log_sum: 'sum(p.lr)' },
  trino: { double: 'DOUBLE', sum: 'sum', pair_log_sum: 'sum(p.lr)' },
  clickhouse: { double: 'Float64', sum: 'sum', pair_log_sum: 'sum(p.lr)' },
};

/** Fills {{NAME}} constants and {{name}} dialect words; an unknown one is an error, never ''. */
export function render(sql: string, dialect: Dialect = 'duckdb'): string {
  const spelling = SPELLINGS[dialect];
  return sql
    .replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
      const v = CONSTANTS[name];
      if (v === undefined) throw new Error(`unknown model constant ${name}`);
      return `CAST(${v.toPrecision(17)} AS ${spelling.double})`;
    })
    .replace(/\{\{([a-z_]+)\}\}/g, (_, name: string) => {
      if (!(name in spelling)) throw new Error(`unknown dialect word ${name}`);
      return spelling[name as keyof typeof spelling];
    });
}
