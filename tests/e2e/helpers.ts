/**
 * End-to-end helpers: run the built CLI (`node apps/report/dist/cli.js`) as a user would, in a
 * separate process, and look at what it wrote. The root `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'apps/report/dist/cli.js');
export const REPORT_SCHEMA = join(
  ROOT,
  'packages/ingest/src/schemas/exposure-report-1.schema.json',
);

export function assertBuilt(): void {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` (the root \`npm test\` does) first`);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function exposure(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      // A fixed time zone and no colour, so nothing machine-dependent leaks into the output.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TZ: 'UTC',
        NO_COLOR: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A fresh scratch folder under tests/.out/ (git-ignored). */
export async function scratch(name: string): Promise<string> {
  const base = join(ROOT, 'tests', '.out');
  await mkdir(base, { recursive: true });
  return mkdtemp(join(base, `${name}-`));
}

export async function writeJson(path: string, value: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2));
  return path;
}

/** Every file under a folder, relative path → bytes. */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(dir, entry.name), rel);
      else out.set(rel, await readFile(join(dir, entry.name)));
    }
  };
  await walk(root, '');
  return out;
}

export function htmlFiles(tree: Map<string, Buffer>): Array<[string, string]> {
  return [...tree].filter(([p]) => p.endsWith('.html')).map(([p, b]) => [p, b.toString('utf8')]);
}

/** Text of an HTML page as a reader sees it: no tags, no scripts or styles, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * A native snapshot whose score is computed by hand:
 *   d1 (normal): CVE-A  S 0.8 (CVSS 8.0), KEV → L 0.5, r 0.4;  CVE-B  S 1.0, EPSS 0.2 → r 0.2
 *                D1 = 100 × (1 − 0.6 × 0.8) = 52
 *   d2 (normal): CVE-C  S 0.5, nothing known → L 0.005, r 0.0025;  D2 = 0.25
 *   d3 (high, clean): D3 = 0, weight max(3 / 10, 2) = 2
 *   E = (52 + 0.25 + 0) / (1 + 1 + 2) = 13.0625 → 13.06, display 13, low
 */
export function handSnapshot(
  o: { takenAt?: string; deviceName?: string; title?: string; organization?: string } = {},
) {
  return {
    schema: 'exposure-snapshot/1',
    takenAt: o.takenAt ?? '2026-11-01T00:00:00Z',
    organization: o.organization ?? 'Contoso',
    devices: [
      { id: 'd1', name: o.deviceName ?? 'web-01', group: 'Web', os: 'Ubuntu 22.04' },
      { id: 'd2', name: 'db-01', group: 'Data' },
      { id: 'd3', name: 'ceo-laptop', value: 'high' },
    ],
    weaknesses: [
      {
        id: 'CVE-2026-0001',
        kind: 'vulnerability',
        title: o.title ?? 'Remote code execution',
        cvss: { version: '3.1', score: 8.0 },
        kev: true,
      },
      {
        id: 'CVE-2026-0002',
        kind: 'vulnerability',
        title: 'Heap overflow',
        cvss: { version: '3.1', score: 10.0 },
        epss: 0.2,
      },
      {
        id: 'CVE-2026-0003',
        kind: 'vulnerability',
        title: 'Information leak',
        cvss: { version: '3.1', score: 5.0 },
      },
    ],
    findings: [
      {
        device: 'd1',
        weakness: 'CVE-2026-0001',
        software: { vendor: 'acme', product: 'httpd', version: '2.0' },
        fixedVersion: '2.1',
      },
      {
        device: 'd1',
        weakness: 'CVE-2026-0002',
        software: { vendor: 'acme', product: 'tls', version: '1.0' },
        fixedVersion: '1.1',
      },
      {
        device: 'd2',
        weakness: 'CVE-2026-0003',
        software: { vendor: 'acme', product: 'db', version: '9' },
      },
    ],
  };
}
