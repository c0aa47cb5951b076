/**
 * The model on a real distributed SQL engine: ClickHouse (Debian's clickhouse-server 18.16.1)
 * started here on 127.0.0.1 with ephemeral ports in a temp folder, `devices` and `findings` as
 * Distributed tables over two local shards (databases s1 and s2 of the one server, rows spread
 * by sipHash64 of the device id). The organization score, every device score and the top 10
 * impacts must agree with the TypeScript engine on the demo fleet. The server is always stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDemoHistory } from '@exposure/demo';
import { assess, type Snapshot } from '@exposure/score';
import { clickhouseQueries } from '../src/clickhouse.js';
import { loadSnapshot } from '../src/tables.js';

const SERVER = '/usr/sbin/clickhouse-server';
const installed = spawnSync('sh', ['-c', `test -x ${SERVER}`]).status === 0;
// CI installs it (.ci/run): there a missing server is a failure, never a silent skip.
if (!installed && process.env.CI === 'true')
  throw new Error(`${SERVER} is missing: CI must run the distributed-engine test`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let dir: string;
let server: ChildProcess | undefined;
let http = 0;

async function query(sql: string, body?: string): Promise<string> {
  const url = `http://127.0.0.1:${http}/?insert_distributed_sync=1&query=${encodeURIComponent(sql)}`;
  const res = await fetch(url, { method: 'POST', ...(body !== undefined && { body }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse: ${text.trim()}\n  in: ${sql.slice(0, 200)}`);
  return text;
}

const rows = async (sql: string) =>
  (await query(`${sql} FORMAT JSONEachRow`))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const COLUMNS = {
  devices: 'id String, group_name Nullable(String), value String, in_scope UInt8',
  findings:
    'device String, weakness String, vendor Nullable(String), product Nullable(String), status String, active_alert UInt8, recommendation Nullable(String)',
  weaknesses:
    'id String, kind String, severity_label Nullable(String), cvss_score Nullable(Float64), kev UInt8, exploit String, epss Nullable(Float64)',
};

/** The fleet's rows as JSON lines per table, by way of the same tables DuckDB scores. */
async function tableLines(s: Snapshot): Promise<Record<keyof typeof COLUMNS, string>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await loadSnapshot(c, s);
  const out = {} as Record<keyof typeof COLUMNS, string>;
  for (const name of Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>) {
    const cols = COLUMNS[name].split(', ').map((d) => d.split(' ') as [string, string]);
    const select = cols.map(([n, t]) =>
      t === 'UInt8' ? `CAST("${n}" AS INTEGER) AS "${n}"` : `"${n}"`,
    );
    const r = (
      await c.runAndReadAll(`SELECT ${select.join(', ')} FROM ${name}`)
    ).getRowObjectsJson();
    out[name] = r.map((x) => JSON.stringify(x)).join('\n');
  }
  c.closeSync();
  db.closeSync();
  return out;
}

describe.skipIf(!installed)(
  'ClickHouse 18.16: the model over a Distributed table of two local shards',
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'exposure-clickhouse-'));
      const tcp = await freePort();
      http = await freePort();
      await mkdir(join(dir, 'data', 'tmp'), { recursive: true });
      await writeFile(
        join(dir, 'users.xml'),
        `<yandex><profiles><default/></profiles><quotas><default/></quotas><users><default><password/><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users></yandex>`,
      );
      const shard = (db: string) =>
        `<shard><replica><host>127.0.0.1</host><port>${tcp}</port><default_database>${db}</default_database></replica></shard>`;
      await writeFile(
        join(dir, 'config.xml'),
        `<?xml version="1.0"?><yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <tcp_port>${tcp}</tcp_port><http_port>${http}</http_port><listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path><tmp_path>${dir}/data/tmp/</tmp_path><user_files_path>${dir}/data/</user_files_path>
  <users_config>${dir}/users.xml</users_config><default_profile>default</default_profile>
  <default_database>default</default_database><mark_cache_size>5368709</mark_cache_size>
  <remote_servers><two_shards>${shard('s1')}${shard('s2')}</two_shards></remote_servers>
</yandex>`,
      );
      server = spawn(SERVER, [`--config-file=${dir}/config.xml`], { stdio: 'ignore' });
      for (let i = 0; ; i++) {
        const ok = await fetch(`http://127.0.0.1:${http}/ping`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (i > 100 || server.exitCode !== null)
          throw new Error(`clickhouse-server did not start (see ${dir}/error.log)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 30_000);

    afterAll(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((r) => server!.once('exit', r));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    }, 30_000);

    it('agrees with the TypeScript engine on the organization score, every device and the top 10 impacts', async () => {
      const demo = generateDemoHistory();
      const snapshot = demo.snapshots[demo.snapshots.length - 1]!;
      const lines = await tableLines(snapshot);
      for (const db of ['s1', 's2']) {
        await query(`CREATE DATABASE ${db}`);
        await query(
          `CREATE TABLE ${db}.devices (${COLUMNS.devices}) ENGINE = MergeTree ORDER BY id`,
        );
        await query(
          `CREATE TABLE ${db}.findings (${COLUMNS.findings}) ENGINE = MergeTree ORDER BY (device, weakness)`,
        );
      }
      await query(
        `CREATE TABLE devices (${COLUMNS.devices}) ENGINE = Distributed(two_shards, '', devices, sipHash64(id))`,
      );
      await query(
        `CREATE TABLE findings (${COLUMNS.findings}) ENGINE = Distributed(two_shards, '', findings, sipHash64(device))`,
      );
      await query(`CREATE TABLE weaknesses (${COLUMNS.weaknesses}) ENGINE = MergeTree ORDER BY id`);
      for (const name of ['devices', 'findings', 'weaknesses'] as const)
        await query(`INSERT INTO ${name} FORMAT JSONEachRow`, lines[name]);
      // The rows really are spread over both shards.
      const [n1, n2] = [
        await query('SELECT count() FROM s1.findings'),
        await query('SELECT count() FROM s2.findings'),
      ];
      expect(Number(n1)).toBeGreaterThan(0);
      expect(Number(n2)).toBeGreaterThan(0);
      expect(Number(n1) + Number(n2)).toBe(snapshot.findings.count);

      const ts = assess(snapshot);
      const q = clickhouseQueries();
      const [org] = await rows(q.organization);
      expect(org!['score'] as number).toBeCloseTo(ts.score, 9);
      const devices = await rows(q.devices);
      expect(devices).toHaveLength(ts.devices.length);
      const byId = new Map(ts.devices.map((d) => [d.id, d]));
      for (const d of devices) {
        expect(d['exposure'] as number).toBeCloseTo(byId.get(d['id'] as string)!.score, 9);
        expect(Number(d['pairs'])).toBe(byId.get(d['id'] as string)!.openWeaknesses);
      }
      const impacts = await rows(q.impacts);
      expect(impacts).toHaveLength(ts.recommendations.length);
      const top = ts.recommendations.slice(0, 10);
      expect(top.length).toBe(10);
      impacts.slice(0, 10).forEach((r, i) => {
        expect(r['rec']).toBe(top[i]!.id);
        expect(r['impact'] as number).toBeCloseTo(top[i]!.exposureImpact, 9);
      });
    }, 120_000);
  },
);
