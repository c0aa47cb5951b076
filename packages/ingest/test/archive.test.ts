/** Zip archives read in place: every member an input of its own, bombs refused. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveMembers } from '../src/archive.js';
import { discoverInputs } from '../src/discover.js';
import { loadInputs } from '../src/load.js';
import { InputError } from '../src/messages.js';
import { findingRows } from './defender-helpers.js';
import { fixture, tempDir } from './helpers.js';

const AS_OF = { asOf: Date.parse('2026-11-01T00:00:00Z') };
const ZIP = fixture('zip', 'defender-export.zip');

afterEach(() => {
  delete process.env.EXPOSURE_MAX_INPUT_MB;
});

describe('a zip of a Defender export', () => {
  it('lists its members as inputs, folders and hidden files passed over', async () => {
    const inputs = await discoverInputs([ZIP]);
    expect(inputs.map((i) => [i.displayPath, i.explicit, i.path])).toEqual([
      [`${ZIP}/README.txt`, false, ZIP],
      [`${ZIP}/machines/machines.json`, false, ZIP],
      [`${ZIP}/vulnerabilities/SoftwareVulnerabilitiesExport-part-00000.json.gz`, false, ZIP],
      [`${ZIP}/vulnerabilities/machines-vulnerabilities.json`, false, ZIP],
    ]);
  });

  it('scores the members read in place, gzip parts too, as the unzipped files would score', async () => {
    const result = await loadInputs([ZIP], AS_OF);
    expect(
      result.inputs.files.map((f) => [f.path.slice(ZIP.length), f.format, f.findings]),
    ).toEqual([
      ['/machines/machines.json', 'defender-machines', 0],
      ['/vulnerabilities/SoftwareVulnerabilitiesExport-part-00000.json.gz', 'defender-export', 3],
      ['/vulnerabilities/machines-vulnerabilities.json', 'defender-machine-vulnerabilities', 2],
    ]);
    const unzipped = await loadInputs(
      [
        fixture('defender', 'machines.json'),
        fixture('defender', 'export-vulnerabilities.jsonl'),
        fixture('defender', 'machines-vulnerabilities.json'),
      ],
      AS_OF,
    );
    expect(result.observations.map((o) => findingRows(o.snapshot))).toEqual(
      unzipped.observations.map((o) => findingRows(o.snapshot)),
    );
    // The note beside the export is not an input: skipped with the one warning.
    expect(result.warnings.filter((w) => /skipped/.test(w))).toEqual([
      `skipped 1 file found in the folders given, in no format Exposure reads: ${ZIP}/README.txt ` +
        '(name a file on its own to see why it is not read)',
    ]);
  });

  it('is found inside a folder as well, with a digest that does not change between runs', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'scans'));
    copyFileSync(ZIP, join(dir, 'scans', 'export.zip'));
    const result = await loadInputs([join(dir, 'scans')], AS_OF);
    expect(result.observations).toHaveLength(3);
    const again = await loadInputs([join(dir, 'scans')], AS_OF);
    expect(again.inputs.digest).toBe(result.inputs.digest);
  });
});

describe('zip bombs and damaged archives', () => {
  it('refuses an archive whose members add up past the input limit, before inflating any', async () => {
    const path = fixture('zip', 'declared-12gib.zip');
    await expect(archiveMembers(path, path)).rejects.toMatchObject({
      file: path,
      problem: expect.stringMatching(
        /the archive is larger than the limit of 8192 MiB decompressed/,
      ),
    });
  });

  it('respects EXPOSURE_MAX_INPUT_MB', async () => {
    process.env.EXPOSURE_MAX_INPUT_MB = '1';
    const path = fixture('zip', 'bomb.zip');
    const e = await loadInputs([path]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problem).toMatch(
      /larger than the limit of 1 MiB .*EXPOSURE_MAX_INPUT_MB/,
    );
  });

  it('cuts off a member that inflates past the size its archive states', async () => {
    const path = fixture('zip', 'lying-size.zip');
    const e = await loadInputs([path], AS_OF).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(`${path}/snapshot.json`);
    expect((e as InputError).problem).toMatch(
      /cannot be read from its zip archive: too many bytes/,
    );
  });

  it('cuts off a JSON-lines member streamed line by line the same way', async () => {
    const path = fixture('zip', 'lying-size-lines.zip');
    const e = await loadInputs([path], AS_OF).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(`${path}/part.json`);
    expect((e as InputError).problem).toMatch(
      /^cannot be read from its zip archive: too many bytes in the stream\. expected 70000\./,
    );
  });

  it('names a file that is called .zip but is not one', async () => {
    const dir = tempDir();
    const path = join(dir, 'export.zip');
    copyFileSync(fixture('defender', 'machines.json'), path);
    await expect(loadInputs([path])).rejects.toMatchObject({
      file: path,
      problem: expect.stringMatching(/^is not a readable zip archive/),
    });
  });
});
