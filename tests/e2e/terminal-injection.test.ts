/**
 * Terminal injection (issue 9, item 3): values and file names from inputs reach the terminal only
 * through the one sanitizer, on every printing path of the built CLI: the score summary, warnings,
 * error messages and --json.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, handSnapshot, scratch, writeJson } from './helpers.js';

const ESC = '\u001b[2J\u001b]0;pwned\u0007';
const C1 = '\u009b31m';
const BIDI = '\u202egnp.exe\u202c';
// Every character the sanitizer must never let through, raw.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

beforeAll(() => assertBuilt());

describe('hostile values never reach the terminal raw', () => {
  it('in the summary of exposure score (organization, device, title)', async () => {
    const dir = await scratch('inject');
    const input = await writeJson(
      join(dir, 'snap.json'),
      handSnapshot({ organization: `Org${ESC}`, deviceName: `web${C1}`, title: `xz${BIDI}` }),
    );
    const r = await exposure(['score', input], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain('Org\\u001b[2J\\u001b]0;pwned\\u0007');
  });

  it('in --json, which stays the same document', async () => {
    const dir = await scratch('inject-json');
    const input = await writeJson(
      join(dir, 'snap.json'),
      handSnapshot({ organization: `Org${C1}${BIDI}` }),
    );
    const r = await exposure(['score', input, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect((JSON.parse(r.stdout) as { organization: string }).organization).toBe(`Org${C1}${BIDI}`);
  });

  it('in error messages naming a hostile file name and value', async () => {
    const dir = await scratch('inject-error');
    const name = `bad${ESC}${BIDI}.json`;
    await writeFile(join(dir, name), '{"schema": "exposure-snapshot/1", "devices": [');
    const r = await exposure(['score', name], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('bad\\u001b[2J');
    const opt = await exposure(['score', `--org${ESC}`], { cwd: dir });
    expect(opt.code).toBe(2);
    expect(opt.stderr).not.toMatch(RAW);
  });
});
