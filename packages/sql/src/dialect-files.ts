/**
 * The model's text per engine, as shipped in packages/sql/dialects/ for people who run it on their
 * own engine (docs/sql-engines.md). Generated from model.sql and model.ts; a test keeps the files
 * equal to what this gives (`npm run dialects -w @exposure/sql` writes them again).
 */
import { clickhouseQueries } from './clickhouse.js';
import { modelSql } from './duckdb.js';
import { MODEL_VERSION } from '@exposure/score';

const header = (engine: string, more = '') =>
  `-- ${MODEL_VERSION} for ${engine}. Generated from packages/sql/src/model.sql and the constants of\n` +
  `-- @exposure/score's model.ts: do not edit (npm run dialects -w @exposure/sql). Input tables and\n` +
  `-- how to run it: docs/parquet.md, docs/sql-engines.md.${more}\n`;

export function dialectFiles(): Record<string, string> {
  const ch = clickhouseQueries();
  return {
    'model.duckdb.sql': header('DuckDB') + modelSql('duckdb') + ';\n',
    'model.spark.sql': header('Spark SQL (3.x)') + modelSql('spark') + ';\n',
    'model.trino.sql': header('Trino') + modelSql('trino') + ';\n',
    'model.clickhouse.sql':
      header(
        'ClickHouse 18.16+',
        '\n-- Three queries: the devices, the organization score, the impacts.',
      ) +
      [ch.devices, ch.organization, ch.impacts].join(';\n\n') +
      ';\n',
  };
}
