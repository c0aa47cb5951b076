import { SnapshotBuilder } from '@exposure/score';
import { applyKev, detectEpss, detectKev, readEpss, readKev } from '@exposure/ingest';
import { expect, it } from 'vitest';
import { describeFixtures, fixtureDir } from './fixtures.js';

const root = fixtureDir('kev-epss') + '/';

describeFixtures('real KEV and EPSS files', root, () => {
  it('reads the full CISA KEV catalog', async () => {
    const kev = await readKev(`${root}cisa-kev-2025.08.25-full.json`);
    expect(kev.catalogVersion).toBe('2025.08.25');
    expect(kev.dateReleased).toBe('2025-08-25T17:04:19.9796Z');
    expect(kev.count).toBe(1404);
    expect(kev.cves.size).toBe(1404);
    for (const cve of ['CVE-2021-44228', 'CVE-2022-22965', 'CVE-2025-48384'])
      expect(kev.cves.has(cve)).toBe(true);
    const b = new SnapshotBuilder({ takenAt: '2025-09-01T00:00:00Z' });
    b.addWeakness({ id: 'CVE-2021-44228' });
    b.addWeakness({ id: 'CVE-1999-0001' });
    expect(applyKev(b, kev)).toBe(1);
  });

  it('reads the real EPSS excerpt', async () => {
    const epss = await readEpss(`${root}epss-scores-2026-09-29-first100.csv`);
    expect(epss.modelVersion).toBe('v2026.06.15');
    expect(epss.scoreDate).toBe('2026-09-29T12:00:22Z');
    expect(epss.scores.size).toBe(100);
    expect(epss.scores.get('CVE-1999-0001')).toBe(0.03351);
    for (const v of epss.scores.values()) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('detects both by content', async () => {
    const { readFileSync } = await import('node:fs');
    expect(
      detectKev(readFileSync(`${root}cisa-kev-2025.08.25-full.json`, 'utf8').slice(0, 65536)),
    ).toBe(true);
    expect(detectEpss(readFileSync(`${root}epss-scores-2026-09-29-first100.csv`, 'utf8'))).toBe(
      true,
    );
  });
});
