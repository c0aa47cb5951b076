import type { Assessment, DeviceFinding, ReportDocument, Trend } from '@exposure/score';
import type { Lang } from './i18n.js';

export interface RenderInput {
  /** exposure.json content (@exposure/score toReportDocument). */
  document: ReportDocument;
  /** The latest snapshot's assessment (@exposure/score assess). */
  assessment: Assessment;
  /** @exposure/score trend(snapshots). */
  trend: Trend;
  /** Per-device finding list (@exposure/score deviceFindings); called once per device page. */
  deviceFindings(deviceId: string): DeviceFinding[];
  lang: Lang;
}

export interface SiteFile {
  /** Relative, forward slashes. */
  path: string;
  content: string | Uint8Array;
}

export type Paper = 'a4' | 'letter';
