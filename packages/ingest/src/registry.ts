/**
 * Every input format Exposure reads. Detection tries the threat feeds first (their signatures are
 * the most specific), then the importers in this order — native first —, then the asset inventory
 * (a CSV header is the least specific signature): the first match wins.
 */
import type { Importer } from './importer.js';
import { cycloneDxImporter } from './formats/cyclonedx/index.js';
import { defenderImporters } from './formats/defender/index.js';
import { detectAssets } from './formats/feeds/assets.js';
import { detectEpss } from './formats/feeds/epss.js';
import { detectKev } from './formats/feeds/kev.js';
import { grypeImporter } from './formats/grype/index.js';
import { nativeImporter } from './formats/native/index.js';
import { npmAuditImporter } from './formats/npm-audit/index.js';
import { osvScannerImporter } from './formats/osv-scanner/index.js';
import { sarifImporter } from './formats/sarif/index.js';
import { trivyImporter } from './formats/trivy/index.js';

export const importers: readonly Importer[] = [
  nativeImporter,
  ...defenderImporters,
  trivyImporter,
  grypeImporter,
  osvScannerImporter,
  npmAuditImporter,
  cycloneDxImporter,
  sarifImporter,
];

/** Inputs that enrich the snapshots rather than add findings. */
export interface FeedFormat {
  format: 'kev' | 'epss' | 'assets';
  label: string;
  detect(head: string): boolean;
}

export const feedFormats: readonly FeedFormat[] = [
  {
    format: 'kev',
    label: 'CISA Known Exploited Vulnerabilities catalog (JSON or CSV)',
    detect: detectKev,
  },
  { format: 'epss', label: 'FIRST EPSS scores CSV (plain or gzip)', detect: detectEpss },
  {
    format: 'assets',
    label: 'asset inventory CSV (device, group, value, owner, tags)',
    detect: detectAssets,
  },
];

export type Detected =
  { kind: 'importer'; importer: Importer } | { kind: 'feed'; feed: FeedFormat };

function safely(detect: (head: string) => boolean, head: string): boolean {
  try {
    return detect(head);
  } catch {
    return false;
  }
}

/** The format of a file from the beginning of its content, or undefined. */
export function detectFormat(
  head: string,
  list: readonly Importer[] = importers,
): Detected | undefined {
  const [kev, epss, assets] = feedFormats as [FeedFormat, FeedFormat, FeedFormat];
  for (const feed of [kev, epss]) if (safely(feed.detect, head)) return { kind: 'feed', feed };
  const importer = list.find((i) => safely(i.detect.bind(i), head));
  if (importer) return { kind: 'importer', importer };
  return safely(assets.detect, head) ? { kind: 'feed', feed: assets } : undefined;
}

/** What Exposure reads, in words, for the "unknown format" message. */
export function formatLabels(list: readonly Importer[] = importers): string[] {
  return [...list.map((i) => i.label), ...feedFormats.map((f) => f.label)];
}
