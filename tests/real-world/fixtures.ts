/**
 * Where the real-world suites find their data: `../shared/fixtures`, beside the checkout (locally
 * and on CI), found from this file — never from an absolute path of one machine. A suite whose
 * folder is missing is skipped on a developer's clone but FAILS under `CI=true`, so a CI run can
 * never stay green while reading nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** `../shared/fixtures/` relative to the repository root, with a trailing separator. */
export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

/** A folder of `../shared/fixtures`. */
export function fixtureDir(name: string): string {
  return join(FIXTURES, name);
}

/** The files of a fixture folder matching `pattern`, sorted; none when the folder is missing. */
export function fixtureFiles(dir: string, pattern: RegExp = /\.json$/): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
    : [];
}

/** What a suite does with its fixture folder: run it, or (folder missing) fail on CI, else skip. */
export function fixtureMode(present: boolean, env: NodeJS.ProcessEnv): 'run' | 'fail' | 'skip' {
  if (present) return 'run';
  return env.CI === 'true' ? 'fail' : 'skip';
}

/**
 * `describe` over a fixture folder: runs when it exists and holds files; otherwise skipped
 * locally, and on CI replaced by a test that fails naming the folder.
 */
export function describeFixtures(
  name: string,
  dir: string,
  body: () => void,
  present: boolean = fixtureFiles(dir, /./).length > 0,
): void {
  const mode = fixtureMode(present, process.env);
  if (mode === 'run') describe(name, body);
  else if (mode === 'fail')
    describe(name, () => {
      it('finds its real-world fixtures', () => {
        throw new Error(
          `${dir} is missing or empty: the real-world suites need ../shared/fixtures beside the checkout`,
        );
      });
    });
  else describe.skip(name, body);
}
