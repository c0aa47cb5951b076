import type { SeveritySource } from './cvss.js';
import type {
  Cvss,
  DeviceValue,
  ExploitMaturity,
  ImportedRecommendation,
  SeverityLabel,
  WeaknessKind,
} from './types.js';

/** A device as scored: inputs merged, defaults applied, scope decided. */
export interface Device {
  index: number;
  id: string;
  name: string;
  os?: string;
  group?: string;
  value: DeviceValue;
  tags: string[];
  owner?: string;
  lastSeen?: string;
  /** False when lastSeen is more than SCOPE_DAYS before the snapshot's time. */
  inScope: boolean;
}

/** A weakness as scored: its severity S and its likelihood L before any active alert. */
export interface Weakness {
  index: number;
  id: string;
  kind: WeaknessKind;
  title?: string;
  description?: string;
  label?: SeverityLabel;
  cvss: Cvss[];
  published?: string;
  kev: boolean;
  exploit: ExploitMaturity;
  epss?: number;
  references: string[];
  /** S ∈ [0, 1]. */
  severity: number;
  severitySource: SeveritySource;
  /** The CVSS entry that set S, score filled in. */
  cvssUsed?: Cvss;
  /** L ∈ [0, 1] without an active alert. */
  likelihood: number;
}

export interface Software {
  index: number;
  vendor: string;
  product: string;
}

export const STATUS_CODES = ['open', 'fixed', 'not_affected', 'exception'] as const;
export const NONE = -1;

/**
 * Findings in columns: one typed array per field, so that millions of findings cost a few bytes
 * each. String fields (versions) are indexes into `Snapshot.strings`; NONE means absent.
 */
export interface FindingTable {
  count: number;
  device: Uint32Array;
  weakness: Uint32Array;
  software: Int32Array;
  version: Int32Array;
  fixedVersion: Int32Array;
  /** Index into STATUS_CODES. */
  status: Uint8Array;
  activeAlert: Uint8Array;
  /** Index into Snapshot.importedRecommendations. */
  recommendation: Int32Array;
}

/** Everything known at one time. Built by SnapshotBuilder; never mutated afterwards. */
export interface Snapshot {
  takenAt: string;
  /** takenAt in epoch milliseconds. */
  time: number;
  organization?: string;
  devices: readonly Device[];
  weaknesses: readonly Weakness[];
  software: readonly Software[];
  importedRecommendations: readonly ImportedRecommendation[];
  strings: readonly string[];
  findings: FindingTable;
}
