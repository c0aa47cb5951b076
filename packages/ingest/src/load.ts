import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  SnapshotBuilder,
  type CarriedHistory,
  type Coverage,
  type FeedInfo,
  type InputFileInfo,
  type InputsInfo,
  type Observation,
  type TimeSource,
} from '@exposure/score';
import { createContext, openSource } from './context.js';
import { inputsDigest, sha256Source } from './digest.js';
import { discoverInputs, type InputFile } from './discover.js';
import { applyFeeds, feedInfo, readFeeds, type FeedSources } from './feeds.js';
import type { AssetRow } from './formats/feeds/assets.js';
import { readHistoryFolder } from './history-store.js';
import type { ImportNotes, Importer, SourceFile, VendorScore } from './importer.js';
import { refuseConflictingDefinitions } from './conflicts.js';
import { messages } from './messages.js';
import { parseTime } from './time.js';
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
  /** Epoch ms: the time of inputs that carry none of their own and sit in no dated folder. */
  asOf?: number;
  /** A history folder (exposure-history/1) to carry forward; absent or empty: none yet. */
  history?: string;
  onProgress?: (event: { phase: 'read'; file: string; done: number; total: number }) => void;
  /** The importers to detect with (the full registry by default). */
  importers?: readonly Importer[];
}

export interface LoadResult {
  /** One observation per finding input, in input order. */
  observations: Observation[];
  /** The history found in `options.history`, its state enriched with the same feeds. */
  history: CarriedHistory | null;
  feeds: FeedInfo;
  inputs: InputsInfo;
  /** Things worth telling the user that are not errors (undated inputs, unmatched inventory rows). */
  warnings: string[];
  /** CISA KEV remediation due dates by CVE id, when a KEV catalog was read. */
  kevDueDates?: ReadonlyMap<string, string>;
  /**
   * Scores the vendors' platforms computed themselves (Defender's exposure and configuration
   * scores), in input order: to show beside Exposure's, never mixed into it.
   */
  vendorScores: VendorScore[];
}

interface Imported {
  source: SourceFile;
  format: string;
  notes: ImportNotes;
  builder: SnapshotBuilder;
  mtime: number;
  time?: number;
  timeSource?: TimeSource;
}

interface ReadFile {
  info: Omit<InputFileInfo, 'takenAt' | 'timeSource' | 'devices'>;
  imported?: Imported;
}

const FEED_EXPECTED = {
  kev: 'a CISA KEV catalog (JSON with catalogVersion and vulnerabilities, or the CSV with a cveID column)',
  epss: 'a FIRST EPSS CSV (#model_version comment, then cve,epss,percentile)',
  assets: 'an asset inventory CSV (a header with a device column and a group or value column)',
} as const;

/**
 * Native snapshots and Defender machine lists and exports list the whole fleet at their time; every
 * scanner report covers the targets it scanned.
 */
export function coverageOf(format: string): Coverage {
  return format === 'native' || format.startsWith('defender-') ? 'full' : 'partial';
}

function ownTime(imported: Imported): number | undefined {
  const { takenAt } = imported.builder;
  if (!takenAt) return undefined;
  const t = parseTime(takenAt);
  if (t === undefined) throw messages.badTime(imported.source.displayPath, 'takenAt', takenAt);
  return t;
}

/**
 * Gives every import a time (docs/fleet-state.md): its own, its dated folder's, --as-of, else its
 * modification time. Undated files of one folder are one export: they share the newest
 * modification time among them, so that a Defender machine list and its vulnerability export,
 * saved seconds apart, stay one observation.
 */
function assignTimes(imports: Imported[], asOf: number | undefined): string[] {
  const byFolder = new Map<string, Imported[]>();
  for (const i of imports) {
    const own = ownTime(i);
    if (own !== undefined) [i.time, i.timeSource] = [own, 'file'];
    else if (i.source.folderDate)
      [i.time, i.timeSource] = [Date.parse(`${i.source.folderDate}T00:00:00Z`), 'folder'];
    else if (asOf !== undefined) [i.time, i.timeSource] = [asOf, 'as-of'];
    else {
      // The members of one archive are one export, as the files of one folder are.
      const folder = i.source.member?.archive ?? dirname(i.source.displayPath);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), i]);
    }
  }
  const warnings: string[] = [];
  for (const group of byFolder.values()) {
    const time = Math.max(...group.map((i) => i.mtime));
    for (const i of group) [i.time, i.timeSource] = [time, 'mtime'];
    const names = group.map((i) => i.source.displayPath);
    warnings.push(
      `${names.join(', ')}: ${names.length === 1 ? 'carries' : 'carry'} no time of ${names.length === 1 ? 'its' : 'their'} own; ` +
        `dated ${new Date(time).toISOString()} by ${names.length === 1 ? 'its' : 'their newest'} modification time ` +
        '(give --as-of, or put the file in a folder named by its date, to say when it was scanned)',
    );
  }
  return warnings;
}

const SKIPPED_SHOWN = 20;

/** One warning for every file of a folder that is in no format Exposure reads. */
function skippedWarning(files: readonly string[]): string {
  const shown = files.slice(0, SKIPPED_SHOWN).join(', ');
  const more = files.length > SKIPPED_SHOWN ? `, and ${files.length - SKIPPED_SHOWN} more` : '';
  return (
    `skipped ${files.length} file${files.length === 1 ? '' : 's'} found in the folders given, in no format ` +
    `Exposure reads: ${shown}${more} (name a file on its own to see why it is not read)`
  );
}

/** Inventory rows that matched a device in none of the builders. */
function unmatchedRows(
  feeds: Awaited<ReturnType<typeof readFeeds>>,
  builders: readonly SnapshotBuilder[],
): string[] {
  const misses = new Map<AssetRow, number>();
  for (const builder of builders)
    for (const row of applyFeeds(builder, feeds)) misses.set(row, (misses.get(row) ?? 0) + 1);
  return feeds.assets.flatMap(({ file, rows }) => {
    const lines = rows
      .filter((r) => builders.length > 0 && misses.get(r) === builders.length)
      .map((r) => r.line);
    if (lines.length === 0) return [];
    const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
    return [
      `${file}: ${lines.length} row${lines.length === 1 ? '' : 's'} matched no device (line${lines.length === 1 ? '' : 's'} ${shown})`,
    ];
  });
}

/**
 * Reads every input — files or folders, any supported format, detected from content — into one
 * observation per file (its time, where the time came from, full or partial), the feeds applied to
 * each and to the carried history, and a digest of the inputs that does not depend on their order.
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
  const skipped: string[] = [];
  const feedFile = async (source: SourceFile, format: keyof FeedSources) =>
    read.push({
      info: {
        path: source.displayPath,
        format,
        sha256: await sha256Source(source),
        coverage: 'feed',
        findings: 0,
      },
    });
  for (const [n, file] of files.entries()) {
    options.onProgress?.({ phase: 'read', file: file.displayPath, done: n, total: files.length });
    const source = await openSource(file.path, file.displayPath, file.member);
    if (file.role) {
      const feed = feedFormats.find((f) => f.format === file.role)!;
      if (!feed.detect(source.head))
        throw messages.notAFeed(
          file.displayPath,
          file.role.toUpperCase(),
          FEED_EXPECTED[file.role],
        );
      feedSources[file.role].push(source);
      await feedFile(source, file.role);
      continue;
    }
    const detected = detectFormat(source.head, list);
    if (!detected) {
      // A file named on the command line was meant to be read: not knowing it is an error. One
      // found in a folder may be anything that lives beside scans (notes, exports of other tools).
      if (file.explicit) throw messages.unknownFormat(file.displayPath, formatLabels(list));
      skipped.push(file.displayPath);
      continue;
    }
    if (detected.kind === 'feed') {
      feedSources[detected.feed.format].push(source);
      await feedFile(source, detected.feed.format);
      continue;
    }
    const builder = new SnapshotBuilder();
    const ctx = await createContext(source, builder);
    const [sha256, mtime] = await Promise.all([
      sha256Source(source),
      file.member ? file.member.mtime : stat(file.path).then((info) => info.mtimeMs),
      detected.importer.import(ctx),
    ]);
    const format = detected.importer.format;
    const { notes } = ctx;
    const imported: Imported = { source, format, notes, builder, mtime };
    imports.push(imported);
    read.push({
      info: {
        path: file.displayPath,
        format,
        sha256,
        coverage: notes.coverage ?? coverageOf(format),
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

  const warnings = assignTimes(imports, options.asOf);
  refuseConflictingDefinitions(
    imports.map((i) => ({ file: i.source.displayPath, time: i.time!, builder: i.builder })),
  );
  if (skipped.length > 0) warnings.unshift(skippedWarning(skipped));
  for (const i of imports) warnings.push(...i.notes.warnings);
  const history = options.history ? await readHistoryFolder(options.history) : null;
  const weaknessIds = new Set(imports.flatMap((i) => i.builder.weaknessIds()));
  for (const id of history?.builder?.weaknessIds() ?? []) weaknessIds.add(id);
  const feeds = await readFeeds(feedSources, weaknessIds);
  const builders = imports.map((i) => i.builder);
  if (history?.builder) builders.push(history.builder);
  warnings.push(...unmatchedRows(feeds, builders));

  const observations: Observation[] = imports.map((i) => {
    if (options.organization !== undefined) i.builder.organization = options.organization;
    i.builder.takenAt = new Date(i.time!).toISOString();
    return {
      source: i.source.displayPath,
      format: i.format,
      time: i.time!,
      timeSource: i.timeSource!,
      coverage: i.notes.coverage ?? coverageOf(i.format),
      snapshot: i.builder.build(),
    };
  });
  // Only a catalogue (weaknesses, no findings) asks whether anything else found its weaknesses:
  // the walk over every finding is skipped when no input needs it.
  if (imports.some((i) => i.notes.unmatched)) {
    const found = new Set<string>();
    for (const o of observations) {
      const { weaknesses, findings } = o.snapshot;
      const seen = new Uint8Array(weaknesses.length);
      for (let i = 0; i < findings.count; i++) seen[findings.weakness[i]!] = 1;
      weaknesses.forEach((w, n) => seen[n] === 1 && found.add(w.id));
    }
    for (const i of imports) {
      if (i.notes.unmatched && !i.builder.weaknessIds().some((id) => found.has(id)))
        warnings.push(i.notes.unmatched);
    }
  }
  observations.forEach((o, n) => {
    const { notes } = imports[n]!;
    if (notes.unmatched) return;
    // An importer that said what the file holds has said more than this.
    if (notes.warnings.length > 0 || notes.vendorScores.length > 0) return;
    if (o.snapshot.devices.length === 0 && o.snapshot.weaknesses.length === 0)
      warnings.push(`${o.source}: holds no device and no finding; it adds nothing`);
  });
  const infos: InputFileInfo[] = read
    .map(({ info, imported }) => ({
      ...info,
      ...(imported && { takenAt: new Date(imported.time!).toISOString() }),
      timeSource: imported?.timeSource ?? null,
      devices: imported ? imported.builder.deviceIds().length : 0,
    }))
    // The same files, named in any order, are the same inputs: one list, one digest.
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.sha256 < b.sha256 ? -1 : 1));
  return {
    observations,
    history: history && {
      record: history.record,
      state: history.builder
        ? { snapshot: history.builder.build(), observedAt: history.observedAt }
        : null,
      asRecorded: !feeds.kev && !feeds.epss && feeds.assets.length === 0,
    },
    feeds: feedInfo(feeds),
    inputs: { digest: inputsDigest(infos), files: infos },
    warnings,
    ...(feeds.kev?.dueDates && { kevDueDates: feeds.kev.dueDates }),
    vendorScores: imports.flatMap((i) => i.notes.vendorScores),
  };
}
