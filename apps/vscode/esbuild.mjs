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
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Folder of dist/ that mirrors the repository for the files the lazy bundle reads at run time. */
const ASSET_DIR = 'report-assets';

/**
 * A package's `src/` is `lib/` there: a .vsix carries no folder named src. (`../../templates/`
 * from apps/report/lib/render/ is still apps/report/templates/.)
 */
const assetPath = (file) => file.replace(/(^|\/)src\//, '$1lib/');

/** Those files, relative to the repository: templates, messages, the version, the schemas. */
const REPORT_ASSETS = [
  'apps/report/templates',
  'apps/report/locales',
  'apps/report/package.json',
  'packages/ingest/src/schemas',
];

/**
 * `import.meta.url` of a bundled source file is the URL its file would have under
 * dist/report-assets/: `new URL('../../templates/', import.meta.url)` in apps/report/src/render/
 * then finds dist/report-assets/apps/report/templates/, as it finds apps/report/templates/ in the
 * repository, and @exposure/ingest's `./schemas/` finds dist/report-assets/packages/ingest/lib/schemas/. (One `define` for every file, as in the main bundle, cannot serve files at different
 * depths.)
 */
const ASSET_URL_HELPER = `const __exposureAssetUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(ASSET_DIR)}, file)).href;`;

const assetUrls = {
  name: 'asset-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const file = assetPath(relative(join(here, '../..'), args.path).split(sep).join('/'));
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `__exposureAssetUrl(${JSON.stringify(file)})`,
        ),
        loader: 'ts',
      };
    });
  },
};

/**
 * vega-canvas's Node build has a top-level `await` (it tries to load the `canvas` package), which
 * CommonJS cannot hold. Its browser build returns no canvas in Node, which SVG rendering does not
 * need.
 */
const vegaCanvasForBrowser = {
  name: 'vega-canvas-browser',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, (args) => ({
      // Resolved as Node would (its "node" export, in build/), then the browser file beside it.
      path: join(
        dirname(createRequire(args.importer).resolve('vega-canvas')),
        'vega-canvas.browser.js',
      ),
    }));
  },
};

/** Keeps the main bundle's `import('./report-export.js')` a run-time require of the lazy bundle. */
const lazyEntry = {
  name: 'lazy-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\/report-export\.js$/ }, () => ({
      path: './report-export.js',
      external: true,
    }));
  },
};
const dev = process.argv.includes('--dev');
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : join(here, 'dist');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// The main bundle: everything activation and the views need. "Export Report…" reaches its
// renderer through `import('./report-export.js')`, left as a run-time require of the second bundle.
const main = await esbuild.build({
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
  plugins: [lazyEntry],
  // As `require()`: the extension host's module loader, not Node's ESM loader, loads the second bundle.
  supported: { 'dynamic-import': false },
  minify: !dev,
  sourcemap: dev,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// The lazy bundle: the Exposure CLI's report pipeline (apps/report: evaluation, renderer, output
// folder, PDF) with vega, handlebars and puppeteer-core, loaded only when the command runs.
const repo = join(here, '../..');
const lazy = await esbuild.build({
  entryPoints: [join(here, 'src/report-export.ts')],
  outfile: join(outdir, 'report-export.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The SQL engine (DuckDB, a native module) serves `--engine duckdb` and `export --parquet`,
  // which the export never asks for: it is not shipped in the .vsix.
  external: ['vscode', '@exposure/sql', '@duckdb/*'],
  conditions: ['@exposure/source'],
  banner: { js: ASSET_URL_HELPER },
  plugins: [vegaCanvasForBrowser, assetUrls],
  minify: !dev,
  sourcemap: dev,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
// What the renderer reads at run time, at the places its import.meta.url expressions point to.
for (const asset of REPORT_ASSETS)
  cpSync(join(repo, asset), join(outdir, ASSET_DIR, assetPath(asset)), { recursive: true });

// pdf.js (the PDF's contents page numbers) runs its parser as a "fake worker" in Node: it imports
// pdf.worker.mjs from beside the code that loaded it, i.e. beside the lazy bundle.
cpSync(
  join(
    dirname(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')),
    'pdf.worker.mjs',
  ),
  join(outdir, 'pdf.worker.mjs'),
);

const schemas = dirname(
  fileURLToPath(import.meta.resolve('@exposure/ingest/schemas/exposure-report-1.schema.json')),
);
cpSync(schemas, join(outdir, 'schemas'), { recursive: true });

writeFileSync(
  join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  thirdPartyNotices([...Object.keys(main.metafile.inputs), ...Object.keys(lazy.metafile.inputs)]),
);

// What "Export Report…" adds to the main bundle (its renderer is in the lazy one): the bundle test
// holds it under 10 % of the rest. Not shipped (.vscodeignore).
const mainOutput = Object.values(main.metafile.outputs).find((o) => o.entryPoint !== undefined);
writeFileSync(
  join(outdir, 'bundle-sizes.json'),
  `${JSON.stringify({
    main: statSync(join(outdir, 'extension.js')).size,
    exportCommand: Object.entries(mainOutput.inputs)
      .filter(([input]) => /(^|\/)src\/export-command\.ts$/.test(input))
      .reduce((sum, [, i]) => sum + i.bytesInOutput, 0),
  })}\n`,
);

for (const [file, build] of [
  ['extension.js', main],
  ['report-export.js', lazy],
]) {
  const bytes = statSync(join(outdir, file)).size;
  console.log(
    `${outdir}/${file} ${(bytes / 1024).toFixed(0)} KiB from ${Object.keys(build.metafile.inputs).length} modules`,
  );
}

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
