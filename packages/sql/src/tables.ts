/**
 * The fleet state as four tables (the Parquet interchange, docs/parquet.md): their columns, and
 * how a Snapshot's rows are put into DuckDB. The schema is declared here once; the CREATE TABLE
 * statements and the documentation test both read it.
 */
import { LIST, VARCHAR, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { NONE, STATUS_CODES, type Recommendation, type Snapshot } from '@exposure/score';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR[]';

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export type TableName = 'devices' | 'weaknesses' | 'findings' | 'recommendations';

const c = (name: string, type: ColumnType, nullable = false): Column => ({ name, type, nullable });

export const TABLES: Readonly<Record<TableName, readonly Column[]>> = {
  devices: [
    c('id', 'VARCHAR'),
    c('name', 'VARCHAR'),
    c('os', 'VARCHAR', true),
    c('group_name', 'VARCHAR', true),
    c('value', 'VARCHAR'),
    c('owner', 'VARCHAR', true),
    c('tags', 'VARCHAR[]'),
    c('last_seen', 'VARCHAR', true),
    c('in_scope', 'BOOLEAN'),
  ],
  weaknesses: [
    c('id', 'VARCHAR'),
    c('kind', 'VARCHAR'),
    c('title', 'VARCHAR', true),
    c('severity_label', 'VARCHAR', true),
    c('cvss_version', 'VARCHAR', true),
    c('cvss_score', 'DOUBLE', true),
    c('cvss_vector', 'VARCHAR', true),
    c('published', 'VARCHAR', true),
    c('kev', 'BOOLEAN'),
    c('exploit', 'VARCHAR'),
    c('epss', 'DOUBLE', true),
  ],
  findings: [
    c('device', 'VARCHAR'),
    c('weakness', 'VARCHAR'),
    c('vendor', 'VARCHAR', true),
    c('product', 'VARCHAR', true),
    c('version', 'VARCHAR', true),
    c('fixed_version', 'VARCHAR', true),
    c('status', 'VARCHAR'),
    c('active_alert', 'BOOLEAN'),
    c('recommendation', 'VARCHAR', true),
  ],
  recommendations: [
    c('id', 'VARCHAR'),
    c('title', 'VARCHAR'),
    c('kind', 'VARCHAR'),
    c('imported', 'BOOLEAN'),
    c('vendor', 'VARCHAR', true),
    c('product', 'VARCHAR', true),
    c('target_version', 'VARCHAR', true),
  ],
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The row order of each table as written: a total order on what tells two rows apart. */
export const ROW_ORDER: Readonly<Record<TableName, string>> = {
  devices: 'id',
  weaknesses: 'id',
  findings:
    'device, weakness, vendor NULLS FIRST, product NULLS FIRST, version NULLS FIRST, ' +
    'fixed_version NULLS FIRST, status, active_alert, recommendation NULLS FIRST',
  recommendations: 'id',
};

export function createTableSql(name: TableName): string {
  const columns = TABLES[name].map(
    (col) => `"${col.name}" ${col.type}${col.nullable ? '' : ' NOT NULL'}`,
  );
  return `CREATE TABLE ${name} (${columns.join(', ')})`;
}

const TAGS = LIST(VARCHAR);

type Cell = string | number | boolean | null | readonly string[];

function append(a: DuckDBAppender, columns: readonly Column[], row: readonly Cell[]): void {
  for (let i = 0; i < columns.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) a.appendNull();
    else if (columns[i]!.type === 'VARCHAR') a.appendVarchar(v as string);
    else if (columns[i]!.type === 'DOUBLE') a.appendDouble(v as number);
    else if (columns[i]!.type === 'BOOLEAN') a.appendBoolean(v as boolean);
    else a.appendList(v as readonly string[], TAGS);
  }
  a.endRow();
}

/**
 * Creates the four tables in `connection` and fills them from the fleet state. Rows go through
 * DuckDB's appender (about 2 s per million findings here), not one INSERT each.
 */
export async function loadSnapshot(
  connection: DuckDBConnection,
  s: Snapshot,
  recommendations: readonly Recommendation[] = [],
): Promise<void> {
  for (const name of TABLE_NAMES) await connection.run(createTableSql(name));
  const fill = async (name: TableName, rows: (push: (row: Cell[]) => void) => void) => {
    const a = await connection.createAppender(name);
    const columns = TABLES[name];
    rows((row) => append(a, columns, row));
    a.closeSync();
  };
  await fill('devices', (push) => {
    for (const d of s.devices)
      push([
        d.id,
        d.name,
        d.os ?? null,
        d.group ?? null,
        d.value,
        d.owner ?? null,
        d.tags,
        d.lastSeen ?? null,
        d.inScope,
      ]);
  });
  await fill('weaknesses', (push) => {
    for (const w of s.weaknesses) {
      const cvss = w.severitySource.startsWith('cvss') ? w.cvssUsed : undefined;
      push([
        w.id,
        w.kind,
        w.title ?? null,
        w.label ?? null,
        cvss?.version ?? null,
        cvss?.score ?? null,
        cvss?.vector ?? null,
        w.published ?? null,
        w.kev,
        w.exploit,
        w.epss ?? null,
      ]);
    }
  });
  await fill('findings', (push) => {
    const f = s.findings;
    const str = (i: number) => (i === NONE ? null : s.strings[i]!);
    for (let n = 0; n < f.count; n++) {
      const sw = f.software[n]!;
      const software = sw === NONE ? undefined : s.software[sw]!;
      const imported = f.recommendation[n]!;
      push([
        s.devices[f.device[n]!]!.id,
        s.weaknesses[f.weakness[n]!]!.id,
        software ? software.vendor : null,
        software ? software.product : null,
        str(f.version[n]!),
        str(f.fixedVersion[n]!),
        STATUS_CODES[f.status[n]!]!,
        f.activeAlert[n] === 1,
        imported === NONE ? null : s.importedRecommendations[imported]!.id,
      ]);
    }
  });
  await fill('recommendations', (push) => {
    for (const r of recommendations)
      push([
        r.id,
        r.title,
        r.kind,
        r.imported,
        r.software?.vendor ?? null,
        r.software?.product ?? null,
        r.targetVersion,
      ]);
  });
}
