import type { Readable } from 'node:stream';
import type { SnapshotBuilder } from '@exposure/score';

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
}

export interface ImportContext {
  file: SourceFile;
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
