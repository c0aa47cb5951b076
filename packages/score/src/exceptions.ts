/**
 * Risk acceptance: exception rules applied to a snapshot (or a fleet state), whatever format its
 * findings came from. An unexpired rule turns the open findings it matches into status
 * `exception`, so they leave the score; an expired one leaves them open and is flagged. VEX
 * `not_affected` is not a risk acceptance and is only counted apart (see `notAffectedSummary`).
 */
import { NONE, STATUS_CODES, type Snapshot } from './snapshot.js';

/** One accepted risk, as an exceptions file states it (ingest reads and checks the file). */
export interface ExceptionRule {
  /** Where the rule was written, for messages: "exceptions.csv line 3", "risk.json $[2]". */
  source: string;
  /** A weakness id (any case), or `*` for every weakness. */
  weakness: string;
  /** Narrows to one device: its id, else its exact name, else its name in any case. */
  device?: string;
  /** Narrows to the devices of one group (exact). */
  group?: string;
  /** Narrows to findings through one software; vendor '' matches any vendor. */
  software?: { vendor: string; product: string };
  reason?: string;
  owner?: string;
  /** Last day (YYYY-MM-DD, UTC) on which the exception holds. */
  expires?: string;
  approvedBy?: string;
}

/** What one rule did to a snapshot. */
export interface ExceptionOutcome {
  rule: ExceptionRule;
  /** True when the snapshot's day is after `expires`: its findings count again. */
  expired: boolean;
  /** Ids of the devices, weaknesses and the number of open findings it hides (or, when expired, would hide). */
  devices: string[];
  weaknesses: string[];
  findings: number;
}

export interface ExceptionsApplied {
  /** The snapshot with the matched findings' status set to `exception`. */
  snapshot: Snapshot;
  /** One per rule, in the rules' order. */
  outcomes: ExceptionOutcome[];
  warnings: string[];
}

const OPEN = STATUS_CODES.indexOf('open');
const EXCEPTION = STATUS_CODES.indexOf('exception');
const NOT_AFFECTED = STATUS_CODES.indexOf('not_affected');

/** Whether a rule still holds on a day (both YYYY-MM-DD): through the whole of its last day. */
export function isExpired(rule: Pick<ExceptionRule, 'expires'>, day: string): boolean {
  return rule.expires !== undefined && day > rule.expires;
}

/** The devices a rule's `device` and `group` allow, as a membership array; null when all. */
function deviceFilter(snapshot: Snapshot, rule: ExceptionRule): Uint8Array | null {
  if (rule.device === undefined && rule.group === undefined) return null;
  const allowed = new Uint8Array(snapshot.devices.length);
  let candidates = snapshot.devices;
  if (rule.device !== undefined) {
    const name = rule.device;
    const byId = candidates.filter((d) => d.id === name);
    const byName = byId.length ? byId : candidates.filter((d) => d.name === name);
    const lower = name.toLowerCase();
    candidates = byName.length ? byName : candidates.filter((d) => d.name.toLowerCase() === lower);
  }
  for (const d of candidates)
    if (rule.group === undefined || d.group === rule.group) allowed[d.index] = 1;
  return allowed;
}

function weaknessFilter(snapshot: Snapshot, rule: ExceptionRule): Uint8Array | null {
  if (rule.weakness === '*') return null;
  const allowed = new Uint8Array(snapshot.weaknesses.length);
  const id = rule.weakness.toLowerCase();
  for (const w of snapshot.weaknesses) if (w.id.toLowerCase() === id) allowed[w.index] = 1;
  return allowed;
}

function softwareFilter(snapshot: Snapshot, rule: ExceptionRule): Uint8Array | null {
  if (rule.software === undefined) return null;
  const allowed = new Uint8Array(snapshot.software.length);
  const vendor = rule.software.vendor.toLowerCase();
  const product = rule.software.product.toLowerCase();
  for (const s of snapshot.software) {
    if (s.product.toLowerCase() === product && (vendor === '' || s.vendor.toLowerCase() === vendor))
      allowed[s.index] = 1;
  }
  return allowed;
}

function sortedIds(members: Uint8Array, items: readonly { id: string }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < members.length; i++) if (members[i]) out.push(items[i]!.id);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Applies exception rules to the open findings of a snapshot, as of the snapshot's own day.
 * Unexpired rules are applied first; an expired rule then reports the open findings it would
 * hide that no unexpired rule hides. A rule that matches no open finding gives a warning.
 */
export function applyExceptions(
  snapshot: Snapshot,
  rules: readonly ExceptionRule[],
): ExceptionsApplied {
  const day = snapshot.takenAt.slice(0, 10);
  const f = snapshot.findings;
  const status = f.status.slice();
  const matches = rules.map((rule) => {
    const devices = deviceFilter(snapshot, rule);
    const weaknesses = weaknessFilter(snapshot, rule);
    const software = softwareFilter(snapshot, rule);
    return (n: number): boolean => {
      if (devices && !devices[f.device[n]!]) return false;
      if (weaknesses && !weaknesses[f.weakness[n]!]) return false;
      if (software) {
        const sw = f.software[n]!;
        if (sw === NONE || !software[sw]) return false;
      }
      return true;
    };
  });
  const expired = rules.map((r) => isExpired(r, day));
  const hits = rules.map(() => ({
    devices: new Uint8Array(snapshot.devices.length),
    weaknesses: new Uint8Array(snapshot.weaknesses.length),
    findings: 0,
  }));
  const record = (k: number, n: number): void => {
    const h = hits[k]!;
    h.devices[f.device[n]!] = 1;
    h.weaknesses[f.weakness[n]!] = 1;
    h.findings++;
  };
  for (const pass of [false, true]) {
    for (let n = 0; n < f.count; n++) {
      if (f.status[n] !== OPEN || (pass && status[n] === EXCEPTION)) continue;
      for (let k = 0; k < rules.length; k++) {
        if (expired[k] !== pass || !matches[k]!(n)) continue;
        record(k, n);
        if (!pass) status[n] = EXCEPTION;
      }
    }
  }
  const outcomes: ExceptionOutcome[] = rules.map((rule, k) => ({
    rule,
    expired: expired[k]!,
    devices: sortedIds(hits[k]!.devices, snapshot.devices),
    weaknesses: sortedIds(hits[k]!.weaknesses, snapshot.weaknesses),
    findings: hits[k]!.findings,
  }));
  const warnings: string[] = [];
  for (const o of outcomes) {
    if (o.expired)
      warnings.push(
        `${o.rule.source}: exception expired on ${o.rule.expires}: its ${o.findings} finding${o.findings === 1 ? '' : 's'} count again`,
      );
    else if (o.findings === 0) warnings.push(`${o.rule.source}: exception matches no open finding`);
  }
  return {
    snapshot: { ...snapshot, findings: { ...f, status } },
    outcomes,
    warnings,
  };
}

/** The snapshot as if nothing were accepted: every `exception` finding open again. */
export function withoutExceptions(snapshot: Snapshot): Snapshot {
  const f = snapshot.findings;
  let any = false;
  for (let n = 0; n < f.count && !any; n++) any = f.status[n] === EXCEPTION;
  if (!any) return snapshot;
  const status = f.status.map((s) => (s === EXCEPTION ? OPEN : s));
  return { ...snapshot, findings: { ...f, status } };
}

/** Findings with a given status: how many, on how many devices, through which weaknesses. */
export interface StatusSummary {
  findings: number;
  devices: number;
  weaknesses: Array<{ id: string; devices: number }>;
}

function summarizeStatus(snapshot: Snapshot, code: number): StatusSummary {
  const f = snapshot.findings;
  const devices = new Uint8Array(snapshot.devices.length);
  const pairs = new Set<number>();
  const perWeakness = new Uint32Array(snapshot.weaknesses.length);
  let findings = 0;
  const nW = snapshot.weaknesses.length;
  for (let n = 0; n < f.count; n++) {
    if (f.status[n] !== code) continue;
    findings++;
    devices[f.device[n]!] = 1;
    const pair = f.device[n]! * nW + f.weakness[n]!;
    if (!pairs.has(pair)) {
      pairs.add(pair);
      perWeakness[f.weakness[n]!]!++;
    }
  }
  const weaknesses = snapshot.weaknesses
    .filter((w) => perWeakness[w.index]! > 0)
    .map((w) => ({ id: w.id, devices: perWeakness[w.index]! }))
    .sort((a, b) => b.devices - a.devices || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { findings, devices: devices.reduce((a, b) => a + b, 0), weaknesses };
}

/** VEX `not_affected` findings: not accepted risk but no risk at all, listed apart. */
export function notAffectedSummary(snapshot: Snapshot): StatusSummary {
  return summarizeStatus(snapshot, NOT_AFFECTED);
}

/** Every finding under an exception, whether a rule or the input itself (native status) set it. */
export function exceptionSummary(snapshot: Snapshot): StatusSummary {
  return summarizeStatus(snapshot, EXCEPTION);
}
