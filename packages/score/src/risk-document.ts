/**
 * The exposure.json sections on accepted risk and deadlines: `scoreWithoutExceptions`,
 * `exceptions`, `notAffected` and `deadlines`. Kept apart from report-document.ts so that the
 * document's core stays short; toReportDocument spreads these in when the caller computed them.
 */
import type { Deadlines, PairDeadline } from './deadlines.js';
import type { ExceptionOutcome, StatusSummary } from './exceptions.js';

/** At most this many overdue pairs are listed by name (all are counted). */
export const LISTED_OVERDUE = 100;

export interface RiskInput {
  /** The organization's score with every exception reopened, unrounded. */
  scoreWithoutExceptions: number;
  outcomes: readonly ExceptionOutcome[];
  /** Every finding under an exception in the state, by a rule or by its input. */
  excepted: StatusSummary;
  notAffected: StatusSummary;
  deadlines: Deadlines;
  /** KEV weaknesses open now that were not open at the previous trend point; null without one. */
  newKev: string[] | null;
}

export interface ExceptionRow {
  source: string;
  weakness: string;
  device: string | null;
  group: string | null;
  /** `vendor/product`, as written. */
  software: string | null;
  reason: string | null;
  owner: string | null;
  expires: string | null;
  approvedBy: string | null;
  expired: boolean;
  devices: string[];
  weaknesses: string[];
  findings: number;
}

export interface RiskSections {
  scoreWithoutExceptions: number;
  exceptions: {
    rules: ExceptionRow[];
    /** Findings under an exception now (rules and inputs' own status), and their devices. */
    findings: number;
    devices: number;
    weaknesses: StatusSummary['weaknesses'];
    expired: number;
  };
  notAffected: StatusSummary;
  deadlines: {
    policy: Deadlines['policy'];
    asOf: string;
    overdue: number;
    dueSoon: number;
    onTime: number;
    withoutDeadline: number;
    byRecommendation: Deadlines['byRecommendation'];
    byGroup: Deadlines['byGroup'];
    oldestKev: (PairDeadline & { daysOpen: number }) | null;
    overduePairs: PairDeadline[];
    newKev: string[] | null;
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function riskSections(r: RiskInput): RiskSections {
  const d = r.deadlines;
  return {
    scoreWithoutExceptions: round2(r.scoreWithoutExceptions),
    exceptions: {
      rules: r.outcomes.map((o) => ({
        source: o.rule.source,
        weakness: o.rule.weakness,
        device: o.rule.device ?? null,
        group: o.rule.group ?? null,
        software: o.rule.software
          ? o.rule.software.vendor
            ? `${o.rule.software.vendor}/${o.rule.software.product}`
            : o.rule.software.product
          : null,
        reason: o.rule.reason ?? null,
        owner: o.rule.owner ?? null,
        expires: o.rule.expires ?? null,
        approvedBy: o.rule.approvedBy ?? null,
        expired: o.expired,
        devices: o.devices,
        weaknesses: o.weaknesses,
        findings: o.findings,
      })),
      findings: r.excepted.findings,
      devices: r.excepted.devices,
      weaknesses: r.excepted.weaknesses,
      expired: r.outcomes.filter((o) => o.expired).length,
    },
    notAffected: r.notAffected,
    deadlines: {
      policy: d.policy,
      asOf: d.asOf,
      ...d.total,
      withoutDeadline: d.withoutDeadline,
      byRecommendation: d.byRecommendation,
      byGroup: d.byGroup,
      oldestKev: d.oldestKev,
      overduePairs: d.overduePairs(LISTED_OVERDUE),
      newKev: r.newKev,
    },
  };
}
