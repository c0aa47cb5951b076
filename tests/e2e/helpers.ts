/**
 * End-to-end helpers: run the built CLI (`node apps/report/dist/cli.js`) as a user would, in a
 * separate process, and look at what it wrote. The root `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same hand-computed snapshot and tree reader as the CLI's unit tests.
export { handSnapshot } from '../../apps/report/test/cli/helpers.js';
export { readTree } from '../../apps/report/test/fs-helpers.js';

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
