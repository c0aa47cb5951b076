import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { render } from './render.js';

export interface SqlDevice {
  id: string;
  grp: string | null;
  value: 'low' | 'normal' | 'high';
  inScope: boolean;
}
export interface SqlWeakness {
  id: string;
  severity: number;
  likelihood: number;
}
export interface SqlFinding {
  device: string;
  weakness: string;
  rec: string;
  status: string;
  activeAlert: boolean;
}
export interface SqlResult {
  organization: number;
  devices: Map<string, { exposure: number; pairs: number }>;
  groups: Map<string | null, number>;
  impacts: Map<string, number>;
}

const MODEL = readFileSync(new URL('../src/model.sql', import.meta.url), 'utf8');

const q = (s: string | null): string => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

/** Runs the model on DuckDB in memory over the given rows (Parquet input: see docs, not done). */
export async function scoreOnDuckdb(
  devices: SqlDevice[],
  weaknesses: SqlWeakness[],
  findings: SqlFinding[],
): Promise<SqlResult> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run('CREATE TABLE devices(id VARCHAR, grp VARCHAR, value VARCHAR, in_scope BOOLEAN)');
  await c.run('CREATE TABLE weaknesses(id VARCHAR, severity DOUBLE, likelihood DOUBLE)');
  await c.run(
    'CREATE TABLE findings(device VARCHAR, weakness VARCHAR, rec VARCHAR, status VARCHAR, active_alert BOOLEAN)',
  );
  for (const d of devices)
    await c.run(
      `INSERT INTO devices VALUES (${q(d.id)}, ${q(d.grp)}, ${q(d.value)}, ${d.inScope})`,
    );
  for (const w of weaknesses)
    await c.run(`INSERT INTO weaknesses VALUES (${q(w.id)}, ${w.severity}, ${w.likelihood})`);
  for (const f of findings)
    await c.run(
      `INSERT INTO findings VALUES (${q(f.device)}, ${q(f.weakness)}, ${q(f.rec)}, ${q(f.status)}, ${f.activeAlert})`,
    );
  const rows = (await c.runAndReadAll(render(MODEL))).getRowObjects();
  const out: SqlResult = {
    organization: 0,
    devices: new Map(),
    groups: new Map(),
    impacts: new Map(),
  };
  for (const r of rows) {
    const key = r['key'] as string | null;
    const value = r['value'] as number;
    if (r['kind'] === 'organization') out.organization = value;
    else if (r['kind'] === 'device')
      out.devices.set(key!, { exposure: value, pairs: Number(r['pairs']) });
    else if (r['kind'] === 'group') out.groups.set(key, value);
    else out.impacts.set(key!, value);
  }
  c.closeSync();
  return out;
}
