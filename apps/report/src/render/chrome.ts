import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/chromium-browser',
];
const PATH_NAMES = [
  'chromium',
  'google-chrome',
  'google-chrome-stable',
  'chromium-browser',
  'chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to print with: an explicit --chrome path, then CHROME_PATH,
 * PUPPETEER_EXECUTABLE_PATH, the usual install places, then the PATH. An explicit path is
 * returned as given so the caller can report it when it does not work.
 */
export function findChrome(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (explicit) return explicit;
  for (const candidate of [env.CHROME_PATH, env.PUPPETEER_EXECUTABLE_PATH]) {
    if (candidate && executable(candidate)) return candidate;
  }
  for (const path of KNOWN_PATHS) if (executable(path)) return path;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of PATH_NAMES) {
      const path = join(dir, name);
      if (executable(path)) return path;
    }
  }
  return undefined;
}
