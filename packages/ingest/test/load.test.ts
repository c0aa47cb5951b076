import { mkdirSync, writeFileSync } from 'node:fs';
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
  it('reads folders recursively, dates by folder, merges the same time and sorts by time', async () => {
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
      result.snapshots.map((s) => [s.takenAt, s.devices.length, s.findings.count, s.organization]),
    ).toEqual([
      ['2026-10-01T00:00:00.000Z', 1, 1, 'Fabrikam'],
      ['2026-11-01T00:00:00.000Z', 2, 2, 'Fabrikam'],
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
    expect(result.inputs.files[0]!.takenAt).toBe('2026-10-01T00:00:00.000Z');
    expect(result.inputs.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(events).toEqual([0, 1, 2, 3]);
  });

  it('gives a timeless file the latest time among the others', async () => {
    const root = tree({
      'old.json': snap('2026-09-01T00:00:00Z', 'a'),
      'new.json': snap('2026-10-01T00:00:00Z', 'b'),
      'plain.json': snap(undefined, 'c'),
    });
    const result = await loadInputs([
      join(root, 'old.json'),
      join(root, 'new.json'),
      join(root, 'plain.json'),
    ]);
    expect(result.snapshots.map((s) => s.devices.map((d) => d.id))).toEqual([['a'], ['b', 'c']]);
  });

  it('fails when no input has a time', async () => {
    const root = tree({ 'plain.json': snap(undefined, 'c') });
    expect((await loadError([join(root, 'plain.json')])).problem).toMatch(/no time of its own/);
  });

  it('reads gzip transparently and rejects a .gz that is not gzip', async () => {
    const root = tree({
      'a.json.gz': gzipSync(JSON.stringify(snap('2026-11-01T00:00:00Z', 'a'))),
      'b.json.gz': 'plain text',
    });
    const ok = await loadInputs([join(root, 'a.json.gz')]);
    expect(ok.snapshots[0]!.findings.count).toBe(1);
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

  it('applies feeds given as options or as inputs to every snapshot', async () => {
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
    const [oct, nov] = result.snapshots;
    expect(oct!.weaknesses[0]).toMatchObject({ id: 'CVE-2023-0002', kev: false, epss: 0.012 });
    expect(nov!.weaknesses[0]).toMatchObject({ id: 'CVE-2021-44228', kev: true, epss: 0.94358 });
    expect(nov!.devices[0]).toMatchObject({ id: 'web-01', group: 'Web', value: 'high' });
    expect(result.feeds).toEqual({
      kev: { catalogVersion: '2026.10.30', dateReleased: '2026-10-30T14:00:00.000Z', count: 2 },
      epss: { modelVersion: 'v2026.06.15', scoreDate: '2026-09-29T12:00:22Z' },
    });
    expect(result.inputs.files.map((f) => f.format)).toEqual([
      'native',
      'native',
      'kev',
      'assets',
      'epss',
    ]);
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
