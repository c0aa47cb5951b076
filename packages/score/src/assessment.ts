import type { SeveritySource } from './cvss.js';
import type {
  Cvss,
  DeviceValue,
  ExploitMaturity,
  Level,
  SeverityLabel,
  WeaknessKind,
} from './types.js';

export type LevelCounts = Record<Level, number>;

export interface DeviceAssessment {
  id: string;
  name: string;
  os?: string;
  group?: string;
  value: DeviceValue;
  owner?: string;
  tags: string[];
  lastSeen?: string;
  /** The value weight w used in the organization score. */
  weight: number;
  /** D ∈ [0, 100], unrounded. */
  score: number;
  display: number;
  level: Level;
  openWeaknesses: number;
}

export interface GroupAssessment {
  /** null for the devices that belong to no group. */
  name: string | null;
  score: number;
  display: number;
  level: Level;
  devices: number;
  byLevel: LevelCounts;
}

/** A weakness with at least one open finding in scope. */
export interface WeaknessSummary {
  id: string;
  kind: WeaknessKind;
  title?: string;
  description?: string;
  /** S ∈ [0, 1]. */
  severity: number;
  severityLabel: SeverityLabel;
  /** Where S came from; `unknown` is shown as "severity unknown (counted as medium)". */
  severitySource: SeveritySource;
  /**
   * The label the scanner itself gave, kept beside ours: S comes from CVSS when there is one
   * (a Debian "low" can be NVD's 9.8), and the difference is shown, not hidden.
   */
  scannerSeverity?: SeverityLabel;
  cvss?: Cvss;
  published?: string;
  kev: boolean;
  exploit: ExploitMaturity;
  epss?: number;
  /** L without an active alert. */
  likelihood: number;
  references: string[];
  /** Devices with an open finding of it. */
  devices: number;
  activeAlerts: number;
}

export type RecommendationKind = 'software' | 'weakness' | 'configuration';

export interface RecommendationThreats {
  /** Weaknesses it removes that are known exploited (CISA KEV). */
  kev: number;
  weaponized: number;
  poc: number;
  maxEpss: number | null;
  /** Devices with an active alert tied to one of its weaknesses. */
  activeAlerts: number;
}

/** The fix of a recommendation on one platform (the devices' operating system as written). */
export interface RecommendationTarget {
  /** The operating system as the inputs name it ("RHEL 9"); null for devices without one. */
  os: string | null;
  /** `os` before its first token that starts with a digit ("RHEL"; "Windows Server"). */
  family: string | null;
  /** The rest of `os` ("9"; "2022"); null when `os` has no version in it. */
  osVersion: string | null;
  /** Highest fixed version among this platform's findings; null when none of them has a fix. */
  version: string | null;
  /** Exposed devices on this platform. */
  devices: number;
}

export interface Recommendation {
  id: string;
  title: string;
  kind: RecommendationKind;
  /** True when the id and title were kept from the platform that produced it (Defender). */
  imported: boolean;
  software: { vendor: string; product: string } | null;
  /**
   * The fixed version when every platform that has a fix needs the same one; null when no fix
   * is available, or when the platforms need different versions (then `targets` says which).
   */
  targetVersion: string | null;
  /** The fix per platform: one entry per operating system of its exposed devices. */
  targets: RecommendationTarget[];
  /** Ids of every open weakness it removes, sorted. */
  weaknesses: string[];
  exposedDevices: number;
  /** Ids of the exposed devices, by exposure (highest first). */
  devices: string[];
  openFindings: number;
  severity: { score: number; label: SeverityLabel };
  threats: RecommendationThreats;
  /** E − E′: how much the organization score drops when it is done. */
  exposureImpact: number;
}

export interface PlanStep {
  step: number;
  recommendation: string;
  title: string;
  exposureImpact: number;
  /** Organization score after this and every earlier step. */
  score: number;
  display: number;
  level: Level;
}

export interface Assessment {
  model: string;
  organization?: string;
  asOf: string;
  /** The group this assessment is restricted to, when it is. */
  scope?: string;
  score: number;
  display: number;
  level: Level;
  devices: DeviceAssessment[];
  deviceCounts: { total: number; outOfScope: number; byLevel: LevelCounts };
  findings: { total: number; open: number };
  groups: GroupAssessment[];
  weaknesses: WeaknessSummary[];
  recommendations: Recommendation[];
  plan: PlanStep[];
}

/** One finding on one device, as a device page lists it. */
export interface DeviceFinding {
  weakness: string;
  software?: { vendor: string; product: string; version?: string };
  fixedVersion?: string;
  activeAlert: boolean;
  /** r = S × L of this finding. */
  risk: number;
  recommendation: string;
}
