/**
 * The one value every renderer takes (the site, the PDF): exposure.json as published, plus what
 * its pages show that the published document leaves out — a device's owner, tags, last-seen day
 * and value weight; a weakness's description and active alerts; the threat summary; each
 * device's open findings. Renderers read numbers, orders and names from here only, so a page and
 * exposure.json cannot disagree, and no renderer sorts, scores or counts again.
 */
import type { Assessment, DeviceFinding, RecommendationTarget } from './assessment.js';
import { round2, type ReportDocument } from './report-document.js';
import { threatCounts, type ThreatCounts } from './threat-summary.js';

export type DocumentDevice = ReportDocument['devices']['items'][number];
export type DocumentWeakness = ReportDocument['weaknesses'][number];
export type DocumentRecommendation = ReportDocument['recommendations'][number];

export interface PageDevice extends DocumentDevice {
  owner: string | null;
  tags: string[];
  lastSeen: string | null;
  /** The value weight w the organization score gives it. */
  weight: number;
}

export interface PageWeakness extends DocumentWeakness {
  description: string | null;
  /** Devices with an active alert tied to an open finding of it. */
  activeAlerts: number;
}

/** One open finding as a device page and findings.csv list it. */
export interface PageFinding extends DeviceFinding {
  /** The first day its (device, weakness) pair was seen, YYYY-MM-DD; null when not known. */
  firstSeen: string | null;
}

/**
 * The open findings by device. Built per device when asked (a device page at a time): a fleet of
 * a million findings never holds them all as objects at once.
 */
export interface FindingsByDevice {
  /** The device's open findings, riskiest first (then weakness id, then recommendation id). */
  of(deviceId: string): PageFinding[];
}

/** A recommendation with its fix per platform always listed (older documents may lack it). */
export interface PageRecommendation extends DocumentRecommendation {
  targets: RecommendationTarget[];
  /**
   * Its impact is not zero but rounds to 0 in exposure.json: the page says "< 0.01" rather
   * than "0.00", which would read as "does nothing".
   */
  impactBelowRounding: boolean;
}

export interface PageDocument extends Omit<
  ReportDocument,
  'devices' | 'weaknesses' | 'recommendations'
> {
  devices: Omit<ReportDocument['devices'], 'items'> & { items: PageDevice[] };
  weaknesses: PageWeakness[];
  recommendations: PageRecommendation[];
  /** Counted once by score (threatCounts, with the model's EPSS_NOTABLE). */
  threats: ThreatCounts;
  deviceFindings: FindingsByDevice;
}

/** What the pages show beside exposure.json, taken from the evaluation that wrote it. */
export interface PageDetails {
  devices: ReadonlyMap<string, Omit<PageDevice, keyof DocumentDevice>>;
  weaknesses: ReadonlyMap<string, Omit<PageWeakness, keyof DocumentWeakness>>;
  recommendations: ReadonlyMap<string, Omit<PageRecommendation, keyof DocumentRecommendation>>;
  deviceFindings: FindingsByDevice;
}

/** The page details of an assessment; `deviceFindings` gives each device's open findings. */
export function pageDetails(
  assessment: Pick<Assessment, 'devices' | 'weaknesses' | 'recommendations'>,
  deviceFindings: FindingsByDevice,
): PageDetails {
  return {
    devices: new Map(
      assessment.devices.map((d) => [
        d.id,
        {
          owner: d.owner ?? null,
          tags: d.tags,
          lastSeen: d.lastSeen ?? null,
          weight: d.weight,
        },
      ]),
    ),
    weaknesses: new Map(
      assessment.weaknesses.map((w) => [
        w.id,
        { description: w.description ?? null, activeAlerts: w.activeAlerts },
      ]),
    ),
    recommendations: new Map(
      assessment.recommendations.map((r) => [
        r.id,
        { impactBelowRounding: r.exposureImpact > 0 && round2(r.exposureImpact) === 0 },
      ]),
    ),
    deviceFindings,
  };
}

/**
 * exposure.json with its page details joined in, in the document's own orders. Every device and
 * weakness of the document must have its details: a missing one is a bug, never bad input.
 */
export function toPageDocument(document: ReportDocument, details: PageDetails): PageDocument {
  const missing = (what: string): never => {
    throw new Error(`no page details for ${what} (a bug in Exposure)`);
  };
  const weaknesses = document.weaknesses.map((w) => ({
    ...w,
    ...(details.weaknesses.get(w.id) ?? missing(`weakness ${w.id}`)),
  }));
  return {
    ...document,
    devices: {
      ...document.devices,
      items: document.devices.items.map((d) => ({
        ...d,
        ...(details.devices.get(d.id) ?? missing(`device ${d.id}`)),
      })),
    },
    weaknesses,
    recommendations: document.recommendations.map((r) => ({
      ...r,
      targets: r.targets ?? [],
      ...(details.recommendations.get(r.id) ?? missing(`recommendation ${r.id}`)),
    })),
    threats: threatCounts(weaknesses),
    deviceFindings: details.deviceFindings,
  };
}
