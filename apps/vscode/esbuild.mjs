// Bundles the extension into one CommonJS file (`vscode` stays external), with the workspace
// packages read from source. `--dev` keeps it readable and adds a source map; `--outdir DIR`
// builds elsewhere (the bundle test builds into a temporary folder).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : join(here, 'dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await esbuild.build({
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(outdir, 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  conditions: ['@exposure/source'],
  // The shared packages find their JSON Schemas next to themselves through import.meta.url,
  // which CommonJS lacks: point it at dist/ingest/, so `../schemas/` is dist/schemas/.
  define: { 'import.meta.url': '__exposureImportMetaUrl' },
  inject: [join(here, 'build/import-meta-url.js')],
  minify: !dev,
  sourcemap: dev,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const schemas = dirname(
  fileURLToPath(import.meta.resolve('@exposure/ingest/schemas/exposure-report-1.schema.json')),
);
cpSync(schemas, join(outdir, 'schemas'), { recursive: true });

writeFileSync(
  join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  thirdPartyNotices(Object.keys(result.metafile.inputs)),
);

const bytes = statSync(join(outdir, 'extension.js')).size;
console.log(
  `${outdir}/extension.js ${(bytes / 1024).toFixed(0)} KiB from ${Object.keys(result.metafile.inputs).length} modules`,
);

/** The license texts of every npm package that ended up in the bundle. */
function thirdPartyNotices(inputs) {
  const packages = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(join(here, match[1]));
  }
  const sections = [...packages].sort().map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
    const text =
      file && existsSync(join(dir, file))
        ? readFileSync(join(dir, file), 'utf8').trim()
        : `License: ${license}`;
    return `${name} ${version} (${license})\n\n${text}`;
  });
  return `Exposure for VS Code bundles these packages:\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}
