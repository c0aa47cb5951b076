import type { Assessment, DeviceFinding, ReportDocument } from '@exposure/score';
import type { Lang } from './i18n.js';

export interface RenderInput {
  /** exposure.json content (@exposure/score toReportDocument). */
  document: ReportDocument;
  /** The latest snapshot's assessment (@exposure/score assess). */
  assessment: Assessment;
  /**
   * A device's open findings, riskiest first (@exposure/score deviceFindings); called once per
   * device page, which lists them in this order.
   */
  deviceFindings(deviceId: string): DeviceFinding[];
  /** The first day a (device, weakness) pair was seen, for findings.csv; absent: left empty. */
  firstSeen?: (deviceId: string, weaknessId: string) => string | undefined;
  lang: Lang;
}

export interface SiteFile {
  /** Relative, forward slashes. */
  path: string;
  content: string | Uint8Array;
  /**
   * The rest of the file of this path yielded before: a file too large to hold whole in memory
   * (findings.csv at a million findings) comes in parts.
   */
  append?: boolean;
}

export type Paper = 'a4' | 'letter';
