import type { Readable } from 'node:stream';
import type { Coverage, SnapshotBuilder } from '@exposure/score';
import type { ArchiveMember } from './archive.js';

/** One input file, opened: content is transparently gunzipped. */
export interface SourceFile {
  /** Path on disk. */
  path: string;
  /** Path as shown to the user in messages and in `inputs` (as given, or relative to the folder given). */
  displayPath: string;
  /** Size on disk in bytes (compressed size for .gz). */
  size: number;
  /** The first 64 KiB of the (decompressed) content, as text, for format detection. */
  head: string;
  /** A date (YYYY-MM-DD) from a parent folder named by a date, if any. */
  folderDate?: string;
  /** Set when the file is a member of a zip archive (`path` is then the archive's). */
  member?: ArchiveMember;
}

/**
 * A score the vendor's platform computed itself (Defender's exposure score, its configuration
 * score): carried beside Exposure's numbers so that a report can say "Defender says …", never used
 * in them.
 */
export interface VendorScore {
  vendor: string;
  /** What the number is, in the vendor's words (`exposure score`, `configuration score`). */
  kind: string;
  score: number;
  /** The scale the vendor states it on, when it has one (`0–100`). */
  scale?: string;
  /** ISO time the vendor computed it. */
  time?: string;
  /** The vendor's device group it is for; absent: the organization. */
  group?: string;
  /** The input it came from, as shown to the user. */
  source: string;
}

/** What an import says besides its devices and findings. */
export interface ImportNotes {
  /** Worth telling the user (each names the file). */
  warnings: string[];
  vendorScores: VendorScore[];
  /**
   * Said when no input of the run has a finding of any weakness this file describes: a catalogue
   * (weaknesses only) that completed nothing, so the user learns it added no findings.
   */
  unmatched?: string;
  /** Set when this file covers fewer devices than its format does (one machine's response). */
  coverage?: Coverage;
}

export interface ImportContext {
  file: SourceFile;
  notes: ImportNotes;
  /** Where this file's devices, weaknesses and findings go; set builder.takenAt when the file has a time. */
  builder: SnapshotBuilder;
  /** The whole decompressed content as text (for documents that are small by nature). */
  readText(): Promise<string>;
  /** The whole content parsed as JSON; a syntax error names the line and column. */
  readJson(): Promise<unknown>;
  /** Decompressed content as a byte stream (for stream-json and csv-parse). */
  openStream(): Readable;
  /** Decompressed content line by line, numbered from 1 (for JSON lines and CSV-like files). */
  lines(): AsyncIterable<{ line: string; number: number }>;
}

/** Data that an input contributes besides findings: threat feeds and the asset inventory. */
export type FeedKind = 'kev' | 'epss' | 'assets';

export interface Importer {
  /** Short id, e.g. `trivy`; shown in `inputs[].format`. */
  format: string;
  /** What it reads, in words, listed when a file is not recognised. */
  label: string;
  /** True when the beginning of the content is in this format. Must not throw. */
  detect(head: string): boolean;
  /** Reads the file into ctx.builder. Throws InputError on bad input. */
  import(ctx: ImportContext): Promise<void>;
}
