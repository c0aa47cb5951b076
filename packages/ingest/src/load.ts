import {
  SnapshotBuilder,
  type FeedInfo,
  type InputFileInfo,
  type InputsInfo,
  type Snapshot,
} from '@exposure/score';
import { createContext, openSource } from './context.js';
import { inputsDigest, sha256File } from './digest.js';
import { discoverInputs, type InputFile } from './discover.js';
import { applyFeeds, feedInfo, readFeeds, type FeedSources } from './feeds.js';
import type { AssetRow } from './formats/feeds/assets.js';
import type { Importer, SourceFile } from './importer.js';
import { messages } from './messages.js';
import {
  detectFormat,
  feedFormats,
  formatLabels,
  importers as defaultImporters,
} from './registry.js';

export interface LoadOptions {
  kev?: string;
  epss?: string;
  assets?: string;
  /** Overrides the organization named by the inputs. */
  organization?: string;
  onProgress?: (event: { phase: 'read'; file: string; done: number; total: number }) => void;
  /** The importers to detect with (the full registry by default). */
  importers?: readonly Importer[];
}

export interface LoadResult {
  /** One snapshot per distinct time, oldest first. */
  snapshots: Snapshot[];
  feeds: FeedInfo;
  inputs: InputsInfo;
  /** Things worth telling the user that are not errors (inventory rows that matched nothing). */
  warnings: string[];
}

interface Imported {
  source: SourceFile;
  format: string;
  builder: SnapshotBuilder;
  time?: number;
}

interface ReadFile {
  info: Omit<InputFileInfo, 'takenAt'>;
  imported?: Imported;
}

const FEED_EXPECTED = {
  kev: 'a CISA KEV catalog (JSON with catalogVersion and vulnerabilities)',
  epss: 'a FIRST EPSS CSV (#model_version comment, then cve,epss,percentile)',
  assets: 'an asset inventory CSV (a header with a device column and a group or value column)',
} as const;

function ownTime(imported: Imported): number | undefined {
  const { takenAt } = imported.builder;
  if (takenAt) {
    const t = Date.parse(takenAt);
    if (Number.isNaN(t)) throw messages.badTime(imported.source.displayPath, 'takenAt', takenAt);
    return t;
  }
  return imported.source.folderDate
    ? Date.parse(`${imported.source.folderDate}T00:00:00Z`)
    : undefined;
}

/** Gives every import a time: its own, its folder's, else the latest among the other inputs. */
function assignTimes(imports: Imported[]): void {
  for (const i of imports) i.time = ownTime(i);
  const known = imports.map((i) => i.time).filter((t): t is number => t !== undefined);
  const latest = known.length ? Math.max(...known) : undefined;
  for (const i of imports) {
    if (i.time !== undefined) continue;
    if (latest === undefined) throw messages.noTime(i.source.displayPath);
    i.time = latest;
  }
}

/** Merges the builders of each time, in input order; one builder per distinct time. */
function mergeByTime(imports: Imported[]): Array<{ time: number; builder: SnapshotBuilder }> {
  const byTime = new Map<number, SnapshotBuilder>();
  for (const i of imports) {
    const time = i.time!;
    const target = byTime.get(time);
    if (target) target.merge(i.builder);
    else {
      i.builder.takenAt = new Date(time).toISOString();
      byTime.set(time, i.builder);
    }
  }
  return [...byTime].map(([time, builder]) => ({ time, builder })).sort((a, b) => a.time - b.time);
}

/**
 * Reads every input — files or folders, any supported format, detected from content — and returns
 * one snapshot per time (findings at the same time merge), the feeds used and a digest of the inputs.
 */
export async function loadInputs(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const list = options.importers ?? defaultImporters;
  const files: Array<InputFile & { role?: keyof FeedSources }> = [...(await discoverInputs(paths))];
  for (const role of ['kev', 'epss', 'assets'] as const) {
    const given = options[role];
    if (given) files.push({ path: given, displayPath: given, explicit: true, role });
  }
  const feedSources: FeedSources = { kev: [], epss: [], assets: [] };
  const read: ReadFile[] = [];
  const imports: Imported[] = [];
  for (const [n, file] of files.entries()) {
    options.onProgress?.({ phase: 'read', file: file.displayPath, done: n, total: files.length });
    const source = await openSource(file.path, file.displayPath);
    if (file.role) {
      const feed = feedFormats.find((f) => f.format === file.role)!;
      if (!feed.detect(source.head))
        throw messages.notAFeed(
          file.displayPath,
          file.role.toUpperCase(),
          FEED_EXPECTED[file.role],
        );
      feedSources[file.role].push(source);
      read.push({
        info: {
          path: file.displayPath,
          format: file.role,
          sha256: await sha256File(file.path),
          findings: 0,
        },
      });
      continue;
    }
    const detected = detectFormat(source.head, list);
    if (!detected) throw messages.unknownFormat(file.displayPath, formatLabels(list));
    if (detected.kind === 'feed') {
      feedSources[detected.feed.format].push(source);
      read.push({
        info: {
          path: file.displayPath,
          format: detected.feed.format,
          sha256: await sha256File(file.path),
          findings: 0,
        },
      });
      continue;
    }
    const builder = new SnapshotBuilder();
    const [sha256] = await Promise.all([
      sha256File(file.path, source.size),
      createContext(source, builder).then((ctx) => detected.importer.import(ctx)),
    ]);
    const imported: Imported = { source, format: detected.importer.format, builder };
    imports.push(imported);
    read.push({
      info: {
        path: file.displayPath,
        format: imported.format,
        sha256,
        findings: builder.findingCount,
      },
      imported,
    });
  }
  if (files.length > 0) {
    options.onProgress?.({
      phase: 'read',
      file: files[files.length - 1]!.displayPath,
      done: files.length,
      total: files.length,
    });
  }

  assignTimes(imports);
  const merged = mergeByTime(imports);
  const weaknessIds = new Set(merged.flatMap((m) => m.builder.weaknessIds()));
  const feeds = await readFeeds(feedSources, weaknessIds);
  // A row is worth a warning only when it matched a device in none of the snapshots.
  const misses = new Map<AssetRow, number>();
  for (const { builder } of merged) {
    if (options.organization !== undefined) builder.organization = options.organization;
    for (const row of applyFeeds(builder, feeds)) misses.set(row, (misses.get(row) ?? 0) + 1);
  }
  const warnings = feeds.assets.flatMap(({ file, rows }) => {
    const lines = rows
      .filter((r) => merged.length > 0 && misses.get(r) === merged.length)
      .map((r) => r.line);
    if (lines.length === 0) return [];
    const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
    return [
      `${file}: ${lines.length} row${lines.length === 1 ? '' : 's'} matched no device (line${lines.length === 1 ? '' : 's'} ${shown})`,
    ];
  });

  const snapshots = merged.map((m) => m.builder.build());
  const infos: InputFileInfo[] = read.map(({ info, imported }) => ({
    ...info,
    ...(imported?.time !== undefined && { takenAt: new Date(imported.time).toISOString() }),
  }));
  return {
    snapshots,
    feeds: feedInfo(feeds),
    inputs: { digest: inputsDigest(infos), files: infos },
    warnings,
  };
}
