import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../src/load.js';
import { InputError } from '../src/messages.js';
import { fixture, tempDir, writeTemp } from './helpers.js';

const snap = (
  takenAt: string | undefined,
  device: string,
  weakness = 'CVE-2021-44228',
  extra: object = {},
) => ({
  schema: 'exposure-snapshot/1',
  ...(takenAt && { takenAt }),
  ...extra,
  weaknesses: [{ id: weakness, severity: 'critical' }],
  findings: [{ device, weakness }],
});

function tree(files: Record<string, string | Buffer | object>): string {
  const root = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(
      join(root, rel),
      typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content),
    );
  }
  return root;
}

async function loadError(paths: string[]): Promise<InputError> {
  const e = await loadInputs(paths).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('loadInputs', () => {
  it('reads folders recursively into one observation per file, dated by folder', async () => {
    const root = tree({
      '2026-11-01/b.json': snap(undefined, 'web-02'),
      '2026-11-01/a.json': snap(undefined, 'web-01'),
      '2026-10-01/nested/x.json': snap(undefined, 'web-01'),
      '.hidden/skip.json': 'not json',
      'notes.md': 'ignored',
    });
    const events: number[] = [];
    const result = await loadInputs([root], {
      organization: 'Fabrikam',
      onProgress: (e) => events.push(e.done),
    });
    expect(
      result.observations.map((o) => [
        o.source.slice(root.length + 1),
        o.snapshot.takenAt,
        o.timeSource,
        o.coverage,
        o.snapshot.devices.length,
        o.snapshot.organization,
      ]),
    ).toEqual([
      ['2026-10-01/nested/x.json', '2026-10-01T00:00:00.000Z', 'folder', 'full', 1, 'Fabrikam'],
      ['2026-11-01/a.json', '2026-11-01T00:00:00.000Z', 'folder', 'full', 1, 'Fabrikam'],
      ['2026-11-01/b.json', '2026-11-01T00:00:00.000Z', 'folder', 'full', 1, 'Fabrikam'],
    ]);
    expect(result.inputs.files.map((f) => f.path)).toEqual([
      `${root}/2026-10-01/nested/x.json`,
      `${root}/2026-11-01/a.json`,
      `${root}/2026-11-01/b.json`,
    ]);
    expect(
      result.inputs.files.every(
        (f) => f.format === 'native' && /^[0-9a-f]{64}$/.test(f.sha256) && f.findings === 1,
      ),
    ).toBe(true);
    expect(result.inputs.files[0]).toMatchObject({
      takenAt: '2026-10-01T00:00:00.000Z',
      timeSource: 'folder',
      coverage: 'full',
      devices: 1,
    });
    expect(result.inputs.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(events).toEqual([0, 1, 2, 3]);
  });

  it('dates an input by its own time, else --as-of, else its modification time (with a warning)', async () => {
    const root = tree({
      'own.json': snap('2026-09-01T00:00:00Z', 'a'),
      'plain.json': snap(undefined, 'c'),
      'sub/one.json': snap(undefined, 'd'),
      'sub/two.json': snap(undefined, 'e'),
    });
    const mtime = new Date('2026-11-20T10:00:00Z');
    const later = new Date('2026-11-20T10:05:00Z');
    utimesSync(join(root, 'plain.json'), mtime, mtime);
    utimesSync(join(root, 'sub/one.json'), mtime, mtime);
    utimesSync(join(root, 'sub/two.json'), later, later);
    const result = await loadInputs([root]);
    const times = Object.fromEntries(
      result.observations.map((o) => [
        o.source.slice(root.length + 1),
        [o.snapshot.takenAt, o.timeSource],
      ]),
    );
    expect(times).toEqual({
      'own.json': ['2026-09-01T00:00:00.000Z', 'file'],
      'plain.json': ['2026-11-20T10:00:00.000Z', 'mtime'],
      // Undated files of one folder are one export: the newest modification time among them.
      'sub/one.json': ['2026-11-20T10:05:00.000Z', 'mtime'],
      'sub/two.json': ['2026-11-20T10:05:00.000Z', 'mtime'],
    });
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(
      /plain\.json: carries no time of its own; dated 2026-11-20T10:00:00\.000Z by its modification time/,
    );
    expect(result.warnings[1]).toMatch(/one\.json, .*two\.json: carry no time of their own/);

    const asOf = Date.parse('2026-11-02T23:59:59.999Z');
    const given = await loadInputs([join(root, 'plain.json')], { asOf });
    expect(given.observations[0]).toMatchObject({ time: asOf, timeSource: 'as-of' });
    expect(given.warnings).toEqual([]);
  });

  it('lists the inputs in one order, whatever order they were named in', async () => {
    const root = tree({
      'a.json': snap('2026-11-01T00:00:00Z', 'a'),
      'b.json': snap('2026-11-01T00:00:00Z', 'b'),
    });
    const ab = await loadInputs([join(root, 'a.json'), join(root, 'b.json')]);
    const ba = await loadInputs([join(root, 'b.json'), join(root, 'a.json')]);
    expect(ba.inputs).toEqual(ab.inputs);
  });

  it('reads gzip transparently and rejects a .gz that is not gzip', async () => {
    const root = tree({
      'a.json.gz': gzipSync(JSON.stringify(snap('2026-11-01T00:00:00Z', 'a'))),
      'b.json.gz': 'plain text',
    });
    const ok = await loadInputs([join(root, 'a.json.gz')]);
    expect(ok.observations[0]!.snapshot.findings.count).toBe(1);
    expect((await loadError([join(root, 'b.json.gz')])).problem).toMatch(/not gzip/);
  });

  it('lists every format for an unknown file', async () => {
    const path = writeTemp(tempDir(), 'what.json', '{"hello": "world"}');
    const e = await loadError([path]);
    expect(e.file).toBe(path);
    expect(e.problem).toMatch(/Exposure snapshot JSON/);
    expect(e.problem).toMatch(/CISA Known Exploited/);
    expect(e.problem).toMatch(/asset inventory/);
  });

  it('skips the files of a folder that are in no known format, with one warning listing them', async () => {
    const root = tree({
      'scans/a.json': snap('2026-11-01T00:00:00Z', 'a'),
      'scans/notes.txt': 'scanned by the night job',
      'scans/other-tool.json': { hello: 'world' },
      'scans/2026-11-02/export.csv': 'when,what\n1,2\n',
    });
    const result = await loadInputs([join(root, 'scans')]);
    expect(result.observations).toHaveLength(1);
    const skipped = result.warnings.filter((w) => /skipped/.test(w));
    expect(skipped).toEqual([
      `skipped 3 files found in the folders given, in no format Exposure reads: ` +
        `${root}/scans/2026-11-02/export.csv, ${root}/scans/notes.txt, ${root}/scans/other-tool.json ` +
        '(name a file on its own to see why it is not read)',
    ]);
    expect(result.inputs.files.map((f) => f.path)).toEqual([`${root}/scans/a.json`]);
    // The same file named on its own is an error that says what Exposure reads.
    const e = await loadError([join(root, 'scans', 'other-tool.json')]);
    expect(e.problem).toMatch(/is not in a format Exposure reads/);
  });

  it('reports a truncated JSON file with its line', async () => {
    const path = writeTemp(
      tempDir(),
      'cut.json',
      JSON.stringify(snap('2026-11-01T00:00:00Z', 'a'), null, 2).slice(0, -30),
    );
    const e = await loadError([path]);
    expect(e.place).toMatch(/^line \d+/);
  });

  it('reports a missing input', async () => {
    expect((await loadError(['/nonexistent/exposure-input.json'])).problem).toMatch(/no such file/);
  });

  it('applies feeds given as options or as inputs to every observation', async () => {
    const root = tree({
      '2026-10-01/s.json': snap(undefined, 'web-01', 'CVE-2023-0002'),
      '2026-11-01/s.json': snap(undefined, 'web-01', 'CVE-2021-44228'),
    });
    const result = await loadInputs(
      [root, fixture('kev', 'catalog.json'), fixture('assets', 'inventory.csv')],
      {
        epss: fixture('epss', 'scores.csv.gz'),
      },
    );
    const [oct, nov] = result.observations.map((o) => o.snapshot);
    expect(oct!.weaknesses[0]).toMatchObject({ id: 'CVE-2023-0002', kev: false, epss: 0.012 });
    expect(nov!.weaknesses[0]).toMatchObject({ id: 'CVE-2021-44228', kev: true, epss: 0.94358 });
    expect(nov!.devices[0]).toMatchObject({ id: 'web-01', group: 'Web', value: 'high' });
    expect(result.feeds).toEqual({
      kev: { catalogVersion: '2026.10.30', dateReleased: '2026-10-30T14:00:00.000Z', count: 2 },
      epss: { modelVersion: 'v2026.06.15', scoreDate: '2026-09-29T12:00:22Z' },
    });
    // Listed by path, so the naming order does not matter.
    expect(result.inputs.files.map((f) => [f.format, f.coverage]).sort()).toEqual([
      ['assets', 'feed'],
      ['epss', 'feed'],
      ['kev', 'feed'],
      ['native', 'full'],
      ['native', 'full'],
    ]);
    const paths = result.inputs.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(result.warnings).toEqual([
      `${fixture('assets', 'inventory.csv')}: 3 rows matched no device (lines 3, 4, 5)`,
    ]);
  });

  it('rejects a feed option that is not that feed', async () => {
    const e = await loadError2({ kev: fixture('epss', 'scores.csv') });
    expect(e.problem).toMatch(/given as the KEV feed/);
  });

  it('changes the digest when an input changes', async () => {
    const root = tree({ 'a.json': snap('2026-11-01T00:00:00Z', 'a') });
    const before = (await loadInputs([root])).inputs.digest;
    writeFileSync(join(root, 'a.json'), JSON.stringify(snap('2026-11-01T00:00:00Z', 'b')));
    expect((await loadInputs([root])).inputs.digest).not.toBe(before);
  });
});

async function loadError2(options: Parameters<typeof loadInputs>[1]): Promise<InputError> {
  const e = await loadInputs([], options).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}
