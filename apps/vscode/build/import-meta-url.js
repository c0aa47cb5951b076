// Injected by esbuild.mjs: what `import.meta.url` means inside the CommonJS bundle (whose
// `__dirname` is dist/), so that `new URL('../schemas/…', import.meta.url)` finds dist/schemas/.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const __exposureImportMetaUrl = pathToFileURL(join(__dirname, 'ingest', 'index.js')).href;
