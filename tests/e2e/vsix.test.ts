import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vsix = `${root}apps/vscode/exposure-vscode.vsix`;

interface Entry {
  name: string;
  size: number;
  data: () => Buffer;
}

/** Reads a zip's central directory (a .vsix is a zip) with node:zlib: no unzip needed. */
function readZip(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      return method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    };
    entries.push({ name, size, data });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

let entries: Entry[];
const entry = (name: string) => entries.find((e) => e.name === name);

beforeAll(() => {
  const run = (script: string) =>
    execFileSync('npm', ['run', script, '-w', 'exposure-vscode'], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  run('build');
  run('package');
  entries = readZip(readFileSync(vsix));
}, 60_000);

describe('exposure-vscode.vsix', () => {
  it('is under 5 MB', () => {
    expect(statSync(vsix).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('holds the bundle, its schemas, the manifest, translations, icon and docs', () => {
    const names = entries.map((e) => e.name);
    for (const name of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/schemas/exposure-report-1.schema.json',
      // "Export Report…": the lazy bundle and what the report's renderer reads at run time.
      'extension/dist/report-export.js',
      // pdf.js's parser, which the lazy bundle imports from beside itself to number the contents.
      'extension/dist/pdf.worker.mjs',
      'extension/dist/report-assets/apps/report/package.json',
      'extension/dist/report-assets/apps/report/templates/report.css',
      'extension/dist/report-assets/apps/report/templates/pages/index.hbs',
      'extension/dist/report-assets/apps/report/templates/partials/layout.hbs',
      'extension/dist/report-assets/apps/report/templates/fragments/finding-badges.hbs',
      'extension/dist/report-assets/apps/report/locales/en.json',
      'extension/dist/report-assets/apps/report/locales/nl.json',
      'extension/dist/report-assets/packages/ingest/lib/schemas/exposure-report-1.schema.json',
      'extension/dist/THIRD-PARTY-NOTICES.txt',
      'extension/package.nls.json',
      'extension/package.nls.nl.json',
      'extension/l10n/bundle.l10n.nl.json',
      'extension/media/icon.png',
      'extension/media/shield.svg',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('carries every template and message file of the report', () => {
    const names = new Set(entries.map((e) => e.name));
    const templates = `${root}apps/report/`;
    const expected = [
      ...readdirSync(`${templates}templates`, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => `${d.parentPath.slice(templates.length)}/${d.name}`),
      ...readdirSync(`${templates}locales`).map((f) => `locales/${f}`),
    ];
    expect(expected.length).toBeGreaterThan(20);
    const missing = expected.filter(
      (f) => !names.has(`extension/dist/report-assets/apps/report/${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('leaves out sources, tests, source maps and node_modules', () => {
    const unwanted = entries
      .map((e) => e.name)
      .filter((n) =>
        /\/(src|test|scripts|build|node_modules)\/|\.map$|\.ts$|tsconfig|esbuild\.mjs|vitest\.config/.test(
          n,
        ),
      );
    expect(unwanted).toEqual([]);
  });

  it('has a manifest that activates lazily and localizes', () => {
    const manifest = JSON.parse(entry('extension/package.json')!.data().toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['main']).toBe('./dist/extension.js');
    expect(manifest['activationEvents']).toContain('onStartupFinished');
    expect(manifest['activationEvents']).not.toContain('*');
    expect(manifest['l10n']).toBe('./l10n');
    expect(manifest['icon']).toBe('media/icon.png');
    expect(manifest['license']).toBe('MIT');
  });

  it('has a PNG icon of at least 128×128', () => {
    const png = entry('extension/media/icon.png')!.data();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(128);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(128);
  });

  it('has a real marketplace README', () => {
    const readme = entry('extension/readme.md')!.data().toString('utf8');
    expect(readme).toContain('exposure.source');
    expect(readme).toMatch(/Privacy/);
  });
});
