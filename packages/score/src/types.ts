/** The domain, as the inputs describe it (what importers hand to the SnapshotBuilder). */

export type DeviceValue = 'low' | 'normal' | 'high';
export type Level = 'none' | 'low' | 'medium' | 'high';
export type FindingStatus = 'open' | 'fixed' | 'not_affected' | 'exception';
export type WeaknessKind = 'vulnerability' | 'configuration';
export type ExploitMaturity = 'none' | 'poc' | 'weaponized';
export type SeverityLabel = 'critical' | 'high' | 'medium' | 'low' | 'none';
export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface Cvss {
  version: CvssVersion;
  /** Base score 0–10; when absent the vector is scored by its version's specification. */
  score?: number;
  vector?: string;
}

export interface DeviceInput {
  id: string;
  name?: string;
  os?: string;
  group?: string;
  value?: DeviceValue;
  tags?: string[];
  owner?: string;
  /** ISO 8601 time the device last reported. */
  lastSeen?: string;
}

export interface WeaknessInput {
  id: string;
  kind?: WeaknessKind;
  title?: string;
  description?: string;
  severity?: SeverityLabel;
  cvss?: Cvss | Cvss[];
  /** ISO date the weakness was published. */
  published?: string;
  kev?: boolean;
  exploit?: ExploitMaturity;
  epss?: number;
  references?: string[];
}

export interface SoftwareInput {
  vendor?: string;
  product: string;
  version?: string;
}

/** A recommendation id and title kept from the platform that produced it (Defender). */
export interface ImportedRecommendation {
  id: string;
  title: string;
}

export interface FindingInput {
  device: string;
  weakness: string;
  software?: SoftwareInput;
  fixedVersion?: string;
  status?: FindingStatus;
  activeAlert?: boolean;
  recommendation?: ImportedRecommendation;
}
