/**
 * Recommendation keys (docs/model.md, rule 7): which recommendation each open finding belongs to,
 * and how each recommendation was formed. The ids are a published contract (exposure.json, page
 * names, the extension's tree): a platform's own recommendation, else one per software
 * (`software/<vendor>/<product>`), else one per weakness (`weakness/<id>`, `configuration/<id>`).
 */
import type { RecommendationKind } from './assessment.js';
import { NONE, type Snapshot } from './snapshot.js';
import { softwareTitle } from './software-names.js';

/** How a recommendation was formed (docs/model.md, rule 7). */
export interface RecommendationKey {
  id: string;
  title: string;
  kind: RecommendationKind;
  imported: boolean;
  software: number;
  weakness: number;
}

/** The recommendations of a snapshot, formed as findings ask for them (`recOf(n)` of finding n). */
export function recommendationKeys(s: Snapshot): {
  recs: RecommendationKey[];
  recOf: (n: number) => number;
} {
  const { findings: f, weaknesses, software } = s;
  const recIndex = new Map<string, number>();
  const recs: RecommendationKey[] = [];
  const bySoftware = new Int32Array(software.length).fill(NONE);
  const byWeakness = new Int32Array(weaknesses.length).fill(NONE);
  const byImported = new Int32Array(s.importedRecommendations.length).fill(NONE);
  const intern = (key: RecommendationKey): number => {
    const known = recIndex.get(key.id);
    if (known !== undefined) return known;
    recIndex.set(key.id, recs.length);
    recs.push(key);
    return recs.length - 1;
  };
  const recOf = (n: number): number => {
    const imported = f.recommendation[n]!;
    const w = f.weakness[n]!;
    const sw = f.software[n]!;
    const weakness = weaknesses[w]!;
    if (imported !== NONE) {
      if (byImported[imported] === NONE) {
        const r = s.importedRecommendations[imported]!;
        byImported[imported] = intern({
          id: r.id,
          title: r.title,
          kind:
            weakness.kind === 'configuration'
              ? 'configuration'
              : sw !== NONE
                ? 'software'
                : 'weakness',
          imported: true,
          software: sw,
          weakness: w,
        });
      }
      return byImported[imported]!;
    }
    if (weakness.kind === 'configuration' || sw === NONE) {
      if (byWeakness[w] === NONE) {
        const configuration = weakness.kind === 'configuration';
        byWeakness[w] = intern({
          id: `${configuration ? 'configuration' : 'weakness'}/${weakness.id}`,
          title: configuration
            ? (weakness.title ?? `Fix configuration ${weakness.id}`)
            : `Remediate ${weakness.id}${weakness.title ? `: ${weakness.title}` : ''}`,
          kind: configuration ? 'configuration' : 'weakness',
          imported: false,
          software: NONE,
          weakness: w,
        });
      }
      return byWeakness[w]!;
    }
    if (bySoftware[sw] === NONE) {
      const { vendor, product } = software[sw]!;
      const v = vendor.toLowerCase();
      bySoftware[sw] = intern({
        id: v ? `software/${v}/${product.toLowerCase()}` : `software/${product.toLowerCase()}`,
        title: softwareTitle(vendor, product),
        kind: 'software',
        imported: false,
        software: sw,
        weakness: NONE,
      });
    }
    return bySoftware[sw]!;
  };

  return { recs, recOf };
}
