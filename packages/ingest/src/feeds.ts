import type { FeedInfo, SnapshotBuilder } from '@exposure/score';
import { applyAssets, readAssetsSource, type AssetRow } from './formats/feeds/assets.js';
import { applyEpss, readEpssSource, type EpssScores } from './formats/feeds/epss.js';
import { applyKev, readKevSource, type KevCatalog } from './formats/feeds/kev.js';
import type { SourceFile } from './importer.js';

/** Threat feeds and inventories, read and combined, ready to apply to every snapshot. */
export interface Feeds {
  kev?: KevCatalog;
  epss?: EpssScores;
  assets: Array<{ file: string; rows: AssetRow[] }>;
}

export interface FeedSources {
  kev: SourceFile[];
  epss: SourceFile[];
  assets: SourceFile[];
}

/**
 * Reads every feed file. Several KEV catalogs are united (the newest names the version); several
 * EPSS files are layered oldest first, so the newest score of a CVE wins. `weaknesses` limits the
 * EPSS map to the ids that matter.
 */
export async function readFeeds(
  sources: FeedSources,
  weaknesses?: ReadonlySet<string>,
): Promise<Feeds> {
  const feeds: Feeds = { assets: [] };
  for (const file of sources.kev) {
    const next = await readKevSource(file);
    if (!feeds.kev) feeds.kev = next;
    else {
      const newer = next.catalogVersion > feeds.kev.catalogVersion ? next : feeds.kev;
      feeds.kev = {
        ...newer,
        cves: new Set([...feeds.kev.cves, ...next.cves]),
        dueDates: new Map([...(feeds.kev.dueDates ?? []), ...(next.dueDates ?? [])]),
      };
    }
  }
  const epss: EpssScores[] = [];
  for (const file of sources.epss) epss.push(await readEpssSource(file, weaknesses));
  epss.sort((a, b) => (a.scoreDate < b.scoreDate ? -1 : a.scoreDate > b.scoreDate ? 1 : 0));
  if (epss.length > 0) {
    const latest = epss[epss.length - 1]!;
    const scores = new Map<string, number>();
    for (const e of epss) for (const [cve, score] of e.scores) scores.set(cve, score);
    feeds.epss = { modelVersion: latest.modelVersion, scoreDate: latest.scoreDate, scores };
  }
  for (const file of sources.assets)
    feeds.assets.push({ file: file.displayPath, rows: await readAssetsSource(file) });
  return feeds;
}

/** Applies the feeds to one builder; returns the inventory rows that matched none of its devices. */
export function applyFeeds(builder: SnapshotBuilder, feeds: Feeds): Set<AssetRow> {
  if (feeds.kev) applyKev(builder, feeds.kev);
  if (feeds.epss) applyEpss(builder, feeds.epss);
  const unmatched = new Set<AssetRow>();
  for (const { rows } of feeds.assets)
    for (const row of applyAssets(builder, rows)) unmatched.add(row);
  return unmatched;
}

/** What the report says about the feeds used. */
export function feedInfo(feeds: Feeds): FeedInfo {
  return {
    ...(feeds.kev && {
      kev: {
        catalogVersion: feeds.kev.catalogVersion,
        ...(feeds.kev.dateReleased && { dateReleased: feeds.kev.dateReleased }),
        count: feeds.kev.count,
      },
    }),
    ...(feeds.epss && {
      epss: { modelVersion: feeds.epss.modelVersion, scoreDate: feeds.epss.scoreDate },
    }),
  };
}
