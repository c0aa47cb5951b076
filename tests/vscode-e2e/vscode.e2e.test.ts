import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument } from '../../apps/vscode/test/make-document.js';
import {
  OUT,
  Profile,
  installCodeServer,
  missingPrerequisites,
  packageExtension,
  startServer,
  stopAllServers,
  type Server,
} from './code-server.js';
import { Workbench, launchBrowser } from './workbench.js';

// In CI the suite must run: a missing prerequisite fails it instead of skipping it.
const missing = missingPrerequisites();
if (missing && process.env['CI'] === 'true')
  throw new Error(`the VS Code e2e suite cannot run (${missing}); see tests/vscode-e2e/README`);
const suite = missing ? describe.skip : describe;
if (missing) console.warn(`vscode-e2e skipped: ${missing}`);

const WORKSPACES = join(OUT, 'workspaces');

/** A workspace folder whose settings point exposure.source at its own exposure.json. */
function workspace(name: string, document: string | null, settings: Record<string, unknown> = {}) {
  const dir = join(WORKSPACES, name);
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  if (document !== null) writeFileSync(join(dir, 'exposure.json'), document);
  writeFileSync(
    join(dir, '.vscode/settings.json'),
    JSON.stringify({
      ...(document !== null ? { 'exposure.source': 'exposure.json' } : {}),
      ...settings,
    }),
  );
  return dir;
}

const medium = JSON.stringify(makeDocument());

suite('the extension in a real VS Code (code-server)', () => {
  let vsix: string;
  let browser: Browser;
  let server: Server;
  let profile: Profile;

  beforeAll(async () => {
    installCodeServer();
    vsix = packageExtension();
    profile = new Profile('main');
    profile.install(vsix);
    server = await startServer(profile);
    browser = await launchBrowser();
  }, 540_000);

  afterAll(async () => {
    await browser?.close();
    await stopAllServers();
  });

  it('shows a medium source in the status bar', async () => {
    const wb = await Workbench.open(browser, server, workspace('medium', medium));
    try {
      const item = await wb.status((s) => s.text.includes('Exposure 42'));
      await wb.screenshot('medium');
      expect(item.text).toBe('Exposure 42 · Medium ▲3');
      console.log(JSON.stringify(item));
    } finally {
      await wb.close();
    }
  });
});
