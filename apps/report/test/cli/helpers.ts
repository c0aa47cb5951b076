import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultDeps, type CliDeps, type Renderer } from '../../src/deps.js';
import { memoryIo } from '../../src/io.js';
import { run } from '../../src/program.js';

export { readTree, tempDir } from '../fs-helpers.js';

/**
 * A native snapshot whose score is computed by hand:
 *   d1 (normal): CVE-A  S 0.8 (CVSS 8.0), KEV → L 0.5, r 0.4;  CVE-B  S 1.0, EPSS 0.2 → r 0.2
 *                D1 = 100 × (1 − 0.6 × 0.8) = 52
 *   d2 (normal): CVE-C  S 0.5, nothing known → L 0.005, r 0.0025;  D2 = 0.25
 *   d3 (high, clean): D3 = 0, weight max(3 / 10, 2) = 2
 *   E = (52 + 0.25 + 0) / (1 + 1 + 2) = 13.0625 → 13.06, display 13, low
 */
export function handSnapshot(
  overrides: { takenAt?: string; organization?: string; deviceName?: string; title?: string } = {},
) {
  return {
    schema: 'exposure-snapshot/1',
    takenAt: overrides.takenAt ?? '2026-11-01T00:00:00Z',
    organization: overrides.organization ?? 'Contoso',
    devices: [
      { id: 'd1', name: overrides.deviceName ?? 'web-01', group: 'Web', os: 'Ubuntu 22.04' },
      { id: 'd2', name: 'db-01', group: 'Data' },
      { id: 'd3', name: 'ceo-laptop', value: 'high' },
    ],
    weaknesses: [
      {
        id: 'CVE-2026-0001',
        kind: 'vulnerability',
        title: overrides.title ?? 'Remote code execution',
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

export async function writeJson(path: string, value: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2));
  return path;
}

/** A renderer that writes a few small files, so CLI tests do not depend on the real templates. */
export function fakeRenderer(overrides: Partial<Renderer> = {}): Renderer {
  return {
    renderSiteFiles: async function* (input) {
      yield {
        path: 'index.html',
        content: `<h1>${input.document.score.toFixed(2)} ${input.lang}</h1>`,
      };
      yield {
        path: 'devices/d1.html',
        content: `<p>${input.document.deviceFindings.of('d1').length} findings</p>`,
      };
      yield { path: 'assets/logo.bin', content: new Uint8Array([0, 1, 2, 255]) };
    },
    siteFileCount: () => 3,
    renderPrintHtml: async (input, { paper, detail, classification }) =>
      `<html>${input.document.asOf} ${paper} ${detail ?? '-'} ${classification ?? '-'}</html>`,
    findChrome: () => undefined,
    printPdf: async () => new TextEncoder().encode('%PDF-1.7 fake'),
    ...overrides,
  };
}

export function testDeps(renderer: Partial<Renderer> = {}, more: Partial<CliDeps> = {}): CliDeps {
  return { ...defaultDeps, loadRenderer: async () => fakeRenderer(renderer), ...more };
}

export async function cli(
  args: string[],
  options: { cwd: string; deps?: CliDeps; env?: NodeJS.ProcessEnv; tty?: boolean },
) {
  const io = memoryIo({ cwd: options.cwd, env: options.env ?? {}, tty: options.tty ?? false });
  const code = await run(args, io, options.deps ?? testDeps());
  return { code, stdout: io.out(), stderr: io.err() };
}
