import type {
  Assessment,
  GroupAssessment,
  LevelCounts,
  PlanStep,
  RecommendationTarget,
  RecommendationThreats,
} from './assessment.js';
import type { SeveritySource } from './cvss.js';
import { MODEL_VERSION } from './model.js';
import type { Coverage, TimeSource } from './observation.js';
import { riskSections, type RiskInput, type RiskSections } from './risk-document.js';
import type { ChangeStepKind, Trend, TrendPoint } from './trend-types.js';
import type {
  Cvss,
  DeviceValue,
  ExploitMaturity,
  Level,
  SeverityLabel,
  WeaknessKind,
} from './types.js';

export const REPORT_SCHEMA = 'exposure-report/1';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FeedInfo {
  kev?: { catalogVersion: string; dateReleased?: string; count: number };
  epss?: { modelVersion: string; scoreDate: string };
}

export interface InputFileInfo {
  /** The path as given on the command line, or relative to the folder given. */
  path: string;
  format: string;
  sha256: string;
  /** The observation's time (finding inputs; feeds have none). */
  takenAt?: string;
  /** Where that time came from (see Observation.timeSource); null for feeds. */
  timeSource: TimeSource | null;
  /** Whether the file speaks for the whole fleet or for the targets it scanned; `feed` for feeds. */
  coverage: Coverage | 'feed';
  devices: number;
  findings: number;
}

export interface InputsInfo {
  /** sha256 over the files' digests in order: one value that changes when any input does. */
  digest: string;
  files: InputFileInfo[];
}

/** `exposure.json`: what the CLI publishes and the VS Code extension reads. Language-neutral. */
export interface CoreReportDocument {
  schema: typeof REPORT_SCHEMA;
  model: string;
  organization: string | null;
  asOf: string;
  /** What the numbers are about: the organization, or one group. */
  scope: { group: string | null };
  /** The first and last point of the trend. */
  period: { from: string; to: string };
  score: number;
  display: number;
  level: Level;
  previous: { asOf: string; score: number; display: number; level: Level } | null;
  devices: {
    total: number;
    outOfScope: number;
    /** The devices left out because nothing was seen of them in the last SCOPE_DAYS. */
    outOfScopeItems: Array<{ id: string; name: string; lastSeen: string | null }>;
    byLevel: LevelCounts;
    items: Array<{
      id: string;
      name: string;
      os: string | null;
      group: string | null;
      value: DeviceValue;
      score: number;
      display: number;
      level: Level;
      openWeaknesses: number;
    }>;
  };
  findings: { total: number; open: number };
  trend: Array<{ asOf: string; score: number; display: number; level: Level }>;
  changes: Array<{
    from: string;
    to: string;
    delta: number;
    spike: boolean;
    steps: Array<{
      kind: ChangeStepKind;
      delta: number;
      devices: number;
      weaknesses: Array<{
        id: string;
        title: string | null;
        kev: boolean;
        delta: number;
        devices: number;
      }>;
    }>;
  }>;
  groups: Array<
    Omit<GroupAssessment, 'score'> & {
      score: number;
      /**
       * Additive (absent in documents written before it, and for the devices in no group): the
       * group's own score at each point of the trend where it had a device in scope.
       */
      trend?: Array<{ asOf: string; score: number; display: number; level: Level }>;
    }
  >;
  recommendations: Array<{
    id: string;
    title: string;
    kind: 'software' | 'weakness' | 'configuration';
    imported: boolean;
    software: { vendor: string; product: string } | null;
    targetVersion: string | null;
    /** Additive (absent in documents written before it): the fix per platform. */
    targets?: RecommendationTarget[];
    weaknesses: string[];
    exposedDevices: number;
    devices: string[];
    openFindings: number;
    severity: { score: number; label: SeverityLabel };
    threats: RecommendationThreats;
    exposureImpact: number;
  }>;
  weaknesses: Array<{
    id: string;
    kind: WeaknessKind;
    title: string | null;
    severity: number;
    severityLabel: SeverityLabel;
    /** Where S came from (`unknown`: no CVSS, no usable label, counted as medium). */
    severitySource?: SeveritySource;
    /** The scanner's own label, shown beside ours; null when it gave none. */
    scannerSeverity?: SeverityLabel | null;
    cvss: Cvss | null;
    published: string | null;
    kev: boolean;
    exploit: ExploitMaturity;
    epss: number | null;
    references: string[];
    devices: number;
  }>;
  plan: PlanStep[];
  feeds: FeedInfo;
  inputs: InputsInfo;
  /** Everything the loader and the evaluation had to tell the user. */
  warnings: string[];
  /** The history this run extended (exposure-history/1), when one. */
  history: { days: number; from: string | null; retentionDays: number } | null;
  /** Scores a vendor's platform computed itself, shown beside ours and never mixed into it. */
  vendorScores: VendorScore[];
}

/** A vendor's own score of the fleet or of one of its groups (Defender's exposure score). */
export interface VendorScore {
  vendor: string;
  /** What the number is, in the vendor's words (`exposure score`, `configuration score`). */
  kind: string;
  score: number;
  /** The scale the vendor states it on (`0–100`), when it states one. */
  scale: string | null;
  /** When the vendor computed it. */
  time: string | null;
  /** The vendor's device group; null: the organization. */
  group: string | null;
  /** The input it came from. */
  source: string;
}

/**
 * exposure.json as the CLI writes it: with the sections on accepted risk and deadlines, which
 * documents written before them lack (so readers treat them as optional).
 */
export type ReportDocument = CoreReportDocument & Partial<RiskSections>;

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function cents(x: number): number {
  return Math.round(x * 100);
}

/**
 * Rounds parts to cents so that they add up exactly to `totalCents` (largest remainder), so the
 * published steps of a change always sum to its published delta.
 */
export function apportionCents(parts: readonly number[], totalCents: number): number[] {
  const scaled = parts.map((p) => p * 100);
  const floors = scaled.map(Math.floor);
  let rest = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = scaled
    .map((s, i) => ({ i, frac: s - Math.floor(s) }))
    .sort((a, b) => (rest >= 0 ? b.frac - a.frac : a.frac - b.frac) || a.i - b.i);
  const out = floors.map((c) => c + 0);
  for (let k = 0; rest !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const step = rest > 0 ? 1 : -1;
    out[order[k]!.i]! += step;
    rest -= step;
  }
  return out;
}

export interface ReportDocumentInput {
  assessment: Assessment;
  trend: Trend;
  feeds?: FeedInfo;
  inputs: InputsInfo;
  warnings?: string[];
  scope?: { group: string | null };
  outOfScope?: ReportDocument['devices']['outOfScopeItems'];
  history?: ReportDocument['history'];
  /** Exceptions, VEX not_affected and deadlines (exposure.json then carries their sections). */
  risk?: RiskInput;
  vendorScores?: readonly VendorScore[];
  /** Each named group's trend points (the scope's trend is `trend`). */
  groupTrends?: ReadonlyMap<string, readonly TrendPoint[]>;
}

function documentPoint(p: TrendPoint): ReportDocument['trend'][number] {
  return { asOf: p.asOf, score: round2(p.score), display: p.display, level: p.level };
}

/** Builds the exposure-report/1 document: scores to 2 decimals, steps summing to each change. */
export function toReportDocument({
  assessment: a,
  trend,
  feeds = {},
  inputs,
  warnings = [],
  scope = { group: a.scope ?? null },
  outOfScope = [],
  history = null,
  risk,
  vendorScores = [],
  groupTrends,
}: ReportDocumentInput): ReportDocument {
  const prevPoint = trend.points.length >= 2 ? trend.points[trend.points.length - 2]! : null;
  return {
    schema: REPORT_SCHEMA,
    model: MODEL_VERSION,
    organization: a.organization ?? null,
    asOf: a.asOf,
    scope,
    period: {
      from: trend.points[0]?.asOf ?? a.asOf,
      to: trend.points[trend.points.length - 1]?.asOf ?? a.asOf,
    },
    score: round2(a.score),
    display: a.display,
    level: a.level,
    previous: prevPoint && {
      asOf: prevPoint.asOf,
      score: round2(prevPoint.score),
      display: prevPoint.display,
      level: prevPoint.level,
    },
    devices: {
      total: a.deviceCounts.total,
      outOfScope: a.deviceCounts.outOfScope,
      outOfScopeItems: outOfScope,
      byLevel: a.deviceCounts.byLevel,
      items: a.devices.map((d) => ({
        id: d.id,
        name: d.name,
        os: d.os ?? null,
        group: d.group ?? null,
        value: d.value,
        score: round2(d.score),
        display: d.display,
        level: d.level,
        openWeaknesses: d.openWeaknesses,
      })),
    },
    findings: a.findings,
    trend: trend.points.map(documentPoint),
    changes: trend.changes.map((c) => {
      const total =
        cents(trend.points.find((p) => p.asOf === c.to)!.score) -
        cents(trend.points.find((p) => p.asOf === c.from)!.score);
      const stepCents = apportionCents(
        c.steps.map((s) => s.delta),
        total,
      );
      return {
        from: c.from,
        to: c.to,
        delta: total / 100,
        spike: c.spike,
        steps: c.steps.map((s, i) => ({
          kind: s.kind,
          delta: stepCents[i]! / 100,
          devices: s.devices,
          weaknesses: s.weaknesses.map((w) => ({
            id: w.id,
            title: w.title ?? null,
            kev: w.kev,
            delta: round2(w.delta),
            devices: w.devices,
          })),
        })),
      };
    }),
    groups: a.groups.map((g) => {
      const points = g.name === null ? undefined : groupTrends?.get(g.name);
      return {
        ...g,
        score: round2(g.score),
        ...(points && { trend: points.map(documentPoint) }),
      };
    }),
    recommendations: a.recommendations.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      imported: r.imported,
      software: r.software,
      targetVersion: r.targetVersion,
      targets: r.targets,
      weaknesses: r.weaknesses,
      exposedDevices: r.exposedDevices,
      devices: r.devices,
      openFindings: r.openFindings,
      severity: { score: round2(r.severity.score), label: r.severity.label },
      threats: r.threats,
      exposureImpact: round2(r.exposureImpact),
    })),
    weaknesses: a.weaknesses.map((w) => ({
      id: w.id,
      kind: w.kind,
      title: w.title ?? null,
      severity: round2(w.severity * 10),
      severityLabel: w.severityLabel,
      severitySource: w.severitySource,
      scannerSeverity: w.scannerSeverity ?? null,
      cvss: w.cvss ?? null,
      published: w.published ?? null,
      kev: w.kev,
      exploit: w.exploit,
      epss: w.epss ?? null,
      references: w.references,
      devices: w.devices,
    })),
    plan: a.plan.map((p) => ({
      ...p,
      exposureImpact: round2(p.exposureImpact),
      score: round2(p.score),
    })),
    feeds,
    inputs,
    warnings,
    history,
    vendorScores: [...vendorScores].sort(
      (a, b) =>
        cmp(a.vendor, b.vendor) ||
        cmp(a.group ?? '', b.group ?? '') ||
        cmp(a.kind, b.kind) ||
        cmp(a.source, b.source),
    ),
    ...(risk && riskSections(risk)),
  };
}
