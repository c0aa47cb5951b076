import { SnapshotBuilder } from '@exposure/score';
import { describe, expect, it } from 'vitest';
import { applyAssets, detectAssets, readAssets } from '../src/formats/feeds/assets.js';
import { applyEpss, detectEpss, readEpss } from '../src/formats/feeds/epss.js';
import { applyKev, detectKev, readKev } from '../src/formats/feeds/kev.js';
import { loadInputs } from '../src/load.js';
import { InputError } from '../src/messages.js';
import { fixture, tempDir, writeTemp } from './helpers.js';

function fleet(): SnapshotBuilder {
  const b = new SnapshotBuilder({ takenAt: '2026-11-01T00:00:00Z' });
  b.addDevice({ id: 'd1', name: 'web-01', group: 'Old' });
  b.addDevice({ id: 'd2', name: 'db-01' });
  b.addDevice({ id: 'd3' });
  b.addWeakness({ id: 'CVE-2021-44228' });
  b.addWeakness({ id: 'CVE-2023-0002', epss: 0.5 });
  b.addWeakness({ id: 'GHSA-xxxx-yyyy-zzzz' });
  return b;
}

describe('KEV', () => {
  it('reads the catalog and marks listed weaknesses', async () => {
    const kev = await readKev(fixture('kev', 'catalog.json'));
    expect(kev).toMatchObject({
      catalogVersion: '2026.10.30',
      dateReleased: '2026-10-30T14:00:00.000Z',
      count: 2,
    });
    expect([...kev.cves]).toEqual(['CVE-2021-44228', 'CVE-2023-0001']);
    const b = fleet();
    expect(applyKev(b, kev)).toBe(1);
    const snap = b.build();
    expect(snap.weaknesses.map((w) => w.kev)).toEqual([true, false, false]);
  });

  it('detects the catalog', () => {
    expect(detectKev('{"catalogVersion": "1", "vulnerabilities": []}')).toBe(true);
    expect(detectKev('{"vulnerabilities": []}')).toBe(false);
  });

  it('names the JSON path of a bad entry', async () => {
    const path = writeTemp(tempDir(), 'kev.json', {
      catalogVersion: '1',
      vulnerabilities: [{ cveID: 'CVE-1' }, { product: 'x' }],
    });
    await expect(readKev(path)).rejects.toThrow(InputError);
    await expect(readKev(path)).rejects.toMatchObject({
      place: '$.vulnerabilities[1]',
      problem: expect.stringMatching(/cveID/),
    });
  });
});

describe('KEV CSV (known_exploited_vulnerabilities.csv)', () => {
  it('reads the same catalog as the JSON: CVEs, due dates, a version from the latest dateAdded', async () => {
    const kev = await readKev(fixture('kev', 'known_exploited_vulnerabilities.csv'));
    expect(kev).toMatchObject({ catalogVersion: '2025.08.25', count: 3 });
    expect(kev.dateReleased).toBeUndefined();
    expect([...kev.cves]).toEqual(['CVE-2025-48384', 'CVE-2021-44228', 'CVE-2023-0286']);
    expect(kev.dueDates?.get('CVE-2021-44228')).toBe('2021-12-24');
    const b = fleet();
    expect(applyKev(b, kev)).toBe(1);
    expect(b.build().weaknesses.map((w) => w.kev)).toEqual([true, false, false]);
  });

  it('is detected by its header, and is what --kev accepts', async () => {
    expect(detectKev('cveID,vendorProject,product,vulnerabilityName,dateAdded\n')).toBe(true);
    expect(detectKev('"cveID","vendorProject","product"\n')).toBe(true);
    expect(detectKev('cve,epss,percentile\n')).toBe(false);
    const dir = tempDir();
    const scan = writeTemp(dir, 'snapshot.json', {
      schema: 'exposure-snapshot/1',
      takenAt: '2026-11-01T00:00:00Z',
      devices: [{ id: 'd1' }],
      weaknesses: [{ id: 'CVE-2021-44228', severity: 'critical' }],
      findings: [{ device: 'd1', weakness: 'CVE-2021-44228' }],
    });
    const loaded = await loadInputs([scan], {
      kev: fixture('kev', 'known_exploited_vulnerabilities.csv'),
    });
    expect(loaded.feeds.kev).toEqual({ catalogVersion: '2025.08.25', count: 3 });
    expect(loaded.observations[0]!.snapshot.weaknesses[0]!.kev).toBe(true);
    expect(loaded.kevDueDates?.get('CVE-2021-44228')).toBe('2021-12-24');
  });

  it('names the line of a row without a CVE', async () => {
    const path = writeTemp(
      tempDir(),
      'kev.csv',
      'cveID,vendorProject,product,dateAdded,dueDate\nCVE-2021-44228,Apache,Log4j2,2021-12-10,2021-12-24\n,Acme,Widget,2022-01-01,2022-01-15\n',
    );
    await expect(readKev(path)).rejects.toMatchObject({ place: 'line 3', problem: 'has no cveID' });
  });
});

describe('EPSS', () => {
  for (const name of ['scores.csv', 'scores.csv.gz']) {
    it(`reads ${name} with its model version and date`, async () => {
      const epss = await readEpss(fixture('epss', name));
      expect(epss.modelVersion).toBe('v2026.06.15');
      expect(epss.scoreDate).toBe('2026-09-29T12:00:22Z');
      expect(epss.scores.get('CVE-2021-44228')).toBe(0.94358);
      expect(epss.scores.size).toBe(3);
    });
  }

  it('keeps only the CVEs asked for and sets epss on them', async () => {
    const epss = await readEpss(
      fixture('epss', 'scores.csv'),
      new Set(['CVE-2021-44228', 'CVE-2023-0002']),
    );
    expect([...epss.scores.keys()]).toEqual(['CVE-2021-44228', 'CVE-2023-0002']);
    const b = fleet();
    expect(applyEpss(b, epss)).toBe(2);
    expect(b.build().weaknesses.map((w) => w.epss)).toEqual([0.94358, 0.012, undefined]);
  });

  it('reports a bad score with its line', async () => {
    await expect(readEpss(fixture('epss', 'bad-score.csv'))).rejects.toMatchObject({
      place: 'line 3',
      problem: expect.stringMatching(/"high"/),
    });
  });

  it('reports a file without the header', async () => {
    const path = writeTemp(
      tempDir(),
      'e.csv',
      '#model_version:v1,score_date:2026-01-01\ncve,score\nCVE-1,0.1\n',
    );
    await expect(readEpss(path)).rejects.toMatchObject({ place: 'line 2' });
  });

  it('detects the file', () => {
    expect(detectEpss('#model_version:v2026.06.15,score_date:x\ncve,epss,percentile')).toBe(true);
    expect(detectEpss('cve,epss,percentile\n')).toBe(true);
    expect(detectEpss('device,group\n')).toBe(false);
  });
});

describe('asset inventory', () => {
  it('reads rows with case-insensitive headers, values and both tag separators', async () => {
    const rows = await readAssets(fixture('assets', 'inventory.csv'));
    expect(rows).toEqual([
      {
        line: 2,
        device: 'web-01',
        group: 'Web',
        value: 'high',
        owner: 'alice',
        tags: ['prod', 'internet'],
      },
      {
        line: 3,
        device: 'DB-01',
        group: 'Data',
        value: 'normal',
        owner: 'bob',
        tags: ['prod', 'pci'],
      },
      { line: 4, device: 'd3', value: 'low' },
      { line: 5, device: 'ghost-99', group: 'Lab', value: 'low', owner: 'carol' },
    ]);
  });

  it('matches by id, exact name, then any-case name, and returns what matched nothing', async () => {
    const b = fleet();
    const unmatched = applyAssets(b, await readAssets(fixture('assets', 'inventory.csv')));
    expect(unmatched.map((r) => r.device)).toEqual(['ghost-99']);
    const devices = b.build().devices;
    expect(devices.map((d) => [d.id, d.group ?? null, d.value, d.owner ?? null])).toEqual([
      ['d1', 'Web', 'high', 'alice'],
      ['d2', 'Data', 'normal', 'bob'],
      ['d3', null, 'low', null],
    ]);
    expect(devices[0]!.tags).toEqual(['prod', 'internet']);
    expect(devices.map((d) => d.id)).not.toContain('ghost-99');
  });

  it('reports a bad value with its line', async () => {
    await expect(readAssets(fixture('assets', 'bad-value.csv'))).rejects.toMatchObject({
      place: 'line 2',
      problem: expect.stringMatching(/"critical"/),
    });
  });

  it('reports a header without a device column', async () => {
    const path = writeTemp(tempDir(), 'a.csv', 'machine,group\nx,y\n');
    await expect(readAssets(path)).rejects.toMatchObject({
      place: 'line 1',
      problem: expect.stringMatching(/no device column/),
    });
  });

  it('detects an inventory header', () => {
    expect(detectAssets('Hostname,Group,Value\n')).toBe(true);
    expect(detectAssets('"device","value"\n')).toBe(true);
    expect(detectAssets('cve,epss,percentile\n')).toBe(false);
  });
});
