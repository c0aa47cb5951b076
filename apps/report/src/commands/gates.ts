/**
 * CI gates: thresholds a pipeline fails on. They are checked after the output is written in full
 * (the summary, exposure.json or the site), so a failing job still publishes what it found; the
 * exit code is then 3 and stderr names each gate crossed and by what.
 */
import type { Level, ReportDocument } from '@exposure/score';
import type { GateLevel } from '../config/apply-config.js';

export interface GateOptions {
  /** Fail when the organization's level is this or above. */
  failOn?: GateLevel;
  /** Fail when the score (as published, 2 decimals) is above this. */
  maxScore?: number;
  /** Fail when any open pair is past its remediation deadline. */
  failOnOverdue?: boolean;
  /** Fail when a KEV weakness is open now that was not open at the previous trend point. */
  failOnNewKev?: boolean;
}

const RANK: Record<Level, number> = { none: 0, low: 1, medium: 2, high: 3 };

function list(ids: readonly string[], max = 5): string {
  return ids.slice(0, max).join(', ') + (ids.length > max ? `, … (${ids.length} in all)` : '');
}

/** One line per gate crossed, in the order of the options; empty when none is. */
export function crossedGates(doc: ReportDocument, gates: GateOptions): string[] {
  const out: string[] = [];
  if (gates.failOn !== undefined && RANK[doc.level] >= RANK[gates.failOn]) {
    out.push(
      `--fail-on ${gates.failOn}: the organization's level is ${doc.level} (score ${doc.score.toFixed(2)}, shown as ${doc.display})`,
    );
  }
  if (gates.maxScore !== undefined && doc.score > gates.maxScore) {
    out.push(
      `--max-score ${gates.maxScore}: the exposure score is ${doc.score.toFixed(2)}, ${(doc.score - gates.maxScore).toFixed(2)} above it`,
    );
  }
  const d = doc.deadlines;
  if (gates.failOnOverdue && d && d.overdue > 0) {
    const worst = d.overduePairs[0];
    out.push(
      `--fail-on-overdue: ${d.overdue} open weakness${d.overdue === 1 ? ' is' : 'es are'} past the remediation deadline` +
        (worst
          ? ` (the most overdue: ${worst.weakness} on ${worst.device}, due ${worst.due}, ${-worst.daysLeft} day${worst.daysLeft === -1 ? '' : 's'} late)`
          : ''),
    );
  }
  if (gates.failOnNewKev && d?.newKev && d.newKev.length > 0) {
    out.push(
      `--fail-on-new-kev: ${d.newKev.length} known exploited weakness${d.newKev.length === 1 ? ' is' : 'es are'} open that ${d.newKev.length === 1 ? 'was' : 'were'} not at the previous point: ${list(d.newKev)}`,
    );
  }
  return out;
}

/**
 * After the output is complete: prints each crossed gate on stderr and returns whether any was
 * crossed (the caller exits 3 then).
 */
export function reportGates(
  doc: ReportDocument,
  gates: GateOptions,
  stderr: { write(text: string): void },
): boolean {
  const crossed = crossedGates(doc, gates);
  for (const line of crossed) stderr.write(`exposure: gate crossed: ${line}\n`);
  return crossed.length > 0;
}
