/**
 * Strict values (issue 9, item 5): one strict date parser for every format, a Defender last-seen
 * time that is not a time refused (not dropped), a CVSS vector with a metric given twice refused,
 * a device or weakness defined twice with different data refused naming both places, and the
 * order of the inputs never changing a byte of exposure.json. Every hostile file is made here
 * from the importers' small fixtures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, exposure, handSnapshot, scratch, writeJson } from './helpers.js';
import { expectRefusal, fingerprint } from './reliability-helpers.js';

const FIXTURES = join(ROOT, 'packages/ingest/test/fixtures');

async function fixtureJson(...parts: string[]): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(FIXTURES, ...parts), 'utf8')) as Record<string, unknown>;
}

/** Runs `exposure score FILE` on a file made by `write`, in a folder of its own. */
async function refusedScore(
  name: string,
  write: (dir: string) => Promise<void>,
  place: string | RegExp,
  command: 'score' | 'report' = 'score',
): Promise<string> {
  const dir = await scratch('strict');
  await write(dir);
  const before = await fingerprint(dir);
  const args = command === 'score' ? ['score', name] : ['report', name, '--out', 'site'];
  const r = await exposure(args, { cwd: dir });
  expectRefusal(r, name, place);
  expect(await fingerprint(dir)).toEqual(before);
  return r.stderr;
}

beforeAll(() => assertBuilt());

describe('dates', () => {
  it('a day that does not exist is refused, not rolled over (Trivy CreatedAt)', async () => {
    const stderr = await refusedScore(
      'scan.json',
      async (dir) => {
        const doc = await fixtureJson('trivy', 'image.json');
        await writeJson(join(dir, 'scan.json'), { ...doc, CreatedAt: '2026-02-30T10:00:00Z' });
      },
      '$.CreatedAt',
    );
    expect(stderr).toContain('"2026-02-30T10:00:00Z" is not a valid ISO 8601 time');
  });

  it('"1" is not read as 2001 (native takenAt)', async () => {
    await refusedScore(
      'fleet.json',
      (dir) => writeJson(join(dir, 'fleet.json'), { ...handSnapshot(), takenAt: '1' }).then(),
      '$.takenAt',
    );
  });

  it('a year past 9999 is refused by report too, not "a bug"', async () => {
    await refusedScore(
      'fleet.json',
      (dir) =>
        writeJson(join(dir, 'fleet.json'), {
          ...handSnapshot(),
          takenAt: '+275760-09-13T00:00:00Z',
        }).then(),
      '$.takenAt',
      'report',
    );
  });

  it('a Defender lastSeenTimestamp that is not a time is refused with its record', async () => {
    await refusedScore(
      'vulns.json',
      async (dir) => {
        const doc = await fixtureJson('defender', 'software-vulnerabilities.json');
        (doc.value as Array<Record<string, unknown>>)[2]!.lastSeenTimestamp = 'yesterday';
        await writeJson(join(dir, 'vulns.json'), doc);
      },
      '$.value[2].lastSeenTimestamp',
    );
  });

  it('the same in a Defender JSON-lines export names the line', async () => {
    await refusedScore(
      'export.jsonl',
      async (dir) => {
        const lines = (
          await readFile(join(FIXTURES, 'defender', 'export-vulnerabilities.jsonl'), 'utf8')
        )
          .split('\n')
          .filter(Boolean);
        const rec = JSON.parse(lines[1]!) as Record<string, unknown>;
        lines[1] = JSON.stringify({ ...rec, LastSeenTimestamp: '2023-02-29 10:00:00' });
        await writeFile(join(dir, 'export.jsonl'), lines.join('\n') + '\n');
      },
      /line 2/,
    );
  });
});

describe('CVSS and definitions', () => {
  it('a vector that gives a metric twice is refused', async () => {
    const stderr = await refusedScore(
      'fleet.json',
      async (dir) => {
        const snap = handSnapshot();
        snap.weaknesses[2]!.cvss = {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/C:N',
        } as unknown as (typeof snap.weaknesses)[2]['cvss'];
        await writeJson(join(dir, 'fleet.json'), snap);
      },
      '$.weaknesses[2].cvss.vector',
    );
    expect(stderr).toContain('gives the metric C more than once');
  });

  it('a device defined twice with different data is refused, naming both places', async () => {
    const stderr = await refusedScore(
      'fleet.json',
      async (dir) => {
        const snap = handSnapshot();
        snap.devices.push({ id: 'd1', name: 'web-01', group: 'Data', os: 'Ubuntu 22.04' });
        await writeJson(join(dir, 'fleet.json'), snap);
      },
      '$.devices[3]',
    );
    expect(stderr).toContain('differently from $.devices[0]');
  });

  it('a weakness defined twice with different data is refused, naming both places', async () => {
    const stderr = await refusedScore(
      'fleet.json',
      async (dir) => {
        const snap = handSnapshot();
        snap.weaknesses.push({ ...snap.weaknesses[0]!, cvss: { version: '3.1', score: 2.0 } });
        await writeJson(join(dir, 'fleet.json'), snap);
      },
      '$.weaknesses[3]',
    );
    expect(stderr).toContain('differently from $.weaknesses[0]');
  });
});

describe('definitions across inputs', () => {
  it('two snapshots of one time that define a device differently are refused, naming both', async () => {
    const dir = await scratch('strict');
    const b = handSnapshot();
    b.devices[1] = { id: 'd2', name: 'db-01', group: 'Finance' };
    await writeJson(join(dir, 'b.json'), b);
    await writeJson(join(dir, 'a.json'), handSnapshot());
    const before = await fingerprint(dir);
    for (const order of [
      ['a.json', 'b.json'],
      ['b.json', 'a.json'],
    ]) {
      const r = await exposure(['score', ...order], { cwd: dir });
      expectRefusal(r, 'b.json', '$.devices[1]');
      expect(r.stderr).toContain('differently from a.json ($.devices[1])');
    }
    expect(await fingerprint(dir)).toEqual(before);
  });
});

describe('input order', () => {
  it('never changes a byte of exposure.json', async () => {
    const dir = await scratch('order');
    // Two snapshots that overlap on a device (its later definition counts), scanner reports,
    // and two snapshots of one time that repeat a device identically.
    const a = handSnapshot();
    const b = handSnapshot({ organization: 'Contoso', takenAt: '2026-11-01T12:00:00Z' });
    b.devices = [
      { id: 'd1', name: 'web-01b', group: 'Other', os: 'Debian 12' },
      { id: 'd9', name: 'x', group: 'Web' },
    ];
    b.findings = [
      {
        device: 'd9',
        weakness: 'CVE-2026-0002',
        software: { vendor: 'acme', product: 'tls', version: '1.0' },
        fixedVersion: '1.1',
      },
    ];
    await writeJson(join(dir, 'in', 'a.json'), a);
    await writeJson(join(dir, 'in', 'b.json'), b);
    await writeJson(join(dir, 'in', 'trivy.json'), await fixtureJson('trivy', 'image.json'));
    await writeJson(join(dir, 'in', 'grype.json'), await fixtureJson('grype', 'image.json'));
    const order1 = ['in/a.json', 'in/b.json', 'in/trivy.json', 'in/grype.json'];
    const order2 = ['in/grype.json', 'in/trivy.json', 'in/b.json', 'in/a.json'];
    const options = ['--as-of', '2026-11-02', '--quiet'];
    const r1 = await exposure(['report', ...order1, '--out', 'one', ...options], { cwd: dir });
    const r2 = await exposure(['report', ...order2, '--out', 'two', ...options], { cwd: dir });
    expect(r1.stderr).toBe('');
    expect([r1.code, r2.code]).toEqual([0, 0]);
    const one = await readFile(join(dir, 'one', 'exposure.json'));
    const two = await readFile(join(dir, 'two', 'exposure.json'));
    expect(one.equals(two)).toBe(true);
    const s1 = await exposure(['score', ...order1, '--json', '--as-of', '2026-11-02'], {
      cwd: dir,
    });
    const s2 = await exposure(['score', ...order2, '--json', '--as-of', '2026-11-02'], {
      cwd: dir,
    });
    expect(s1.code).toBe(0);
    expect(s1.stdout).toBe(s2.stdout);
  });
});
