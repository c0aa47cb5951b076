import { SnapshotBuilder, type ImportedRecommendation } from '@exposure/score';
import { describe, expect, it } from 'vitest';
import { createContext, openSource } from '../src/context.js';
import {
  defenderRecommendations,
  readRecommendations,
} from '../src/formats/defender/recommendations.js';
import { defenderSoftwareVulnerabilities } from '../src/formats/defender/software-vulns.js';
import { defenderConfigurations } from '../src/formats/defender/config.js';
import { fixture } from './helpers.js';

const open = async (name: string, builder?: SnapshotBuilder) => {
  const p = fixture('defender', name);
  return createContext(await openSource(p, p), builder);
};

describe('Defender recommendations', () => {
  it('reads each recommendation id and title', async () => {
    expect(await readRecommendations(await open('recommendations.json'))).toEqual([
      { id: 'va-_-microsoft-_-windows_10', title: 'Update Windows 10' },
      { id: 'sca-_-scid-20000', title: 'Onboard devices to Microsoft Defender for Endpoint' },
    ]);
  });

  it('registers them with a builder that keeps imported recommendations', async () => {
    const registered: ImportedRecommendation[] = [];
    class Registering extends SnapshotBuilder {
      override addRecommendation(r: ImportedRecommendation): void {
        registered.push(r);
        super.addRecommendation(r);
      }
    }
    const ctx = await open('recommendations.json', new Registering());
    await defenderRecommendations.import(ctx);
    expect(registered.map((r) => r.id)).toEqual([
      'va-_-microsoft-_-windows_10',
      'sca-_-scid-20000',
    ]);
    expect(ctx.builder.findingCount).toBe(0);
  });

  it("keeps Defender's titles over derived ones, whichever file merges first", async () => {
    for (const order of [0, 1]) {
      const files = [
        'software-vulnerabilities.json',
        'recommendations.json',
        'configurations.json',
      ];
      const importers = [
        defenderSoftwareVulnerabilities,
        defenderRecommendations,
        defenderConfigurations,
      ];
      const builders = await Promise.all(
        files.map(async (f, i) => {
          const ctx = await open(f);
          await importers[i]!.import(ctx);
          return ctx.builder;
        }),
      );
      if (order === 1) builders.reverse();
      const all = new SnapshotBuilder({ takenAt: '2026-01-01T00:00:00Z' });
      for (const b of builders) all.merge(b);
      const titles = Object.fromEntries(
        all.build().importedRecommendations.map((r) => [r.id, r.title]),
      );
      expect(titles['va-_-microsoft-_-windows_10']).toBe('Update Windows 10');
      expect(titles['va-_-google-_-chrome']).toBe('Update Google Chrome');
      expect(titles['sca-_-scid-20000']).toBe('Onboard devices to Microsoft Defender for Endpoint');
    }
  });
});
