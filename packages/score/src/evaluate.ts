/**
 * The one evaluation: observations (and the history a previous run left) in, the fleet state, its
 * assessment, the trend and the exposure.json document out. The CLI and the VS Code extension both
 * call this; neither works out a trend or "the change since last time" on its own.
 */
import { assess, deviceFindings } from './assess.js';
import type { Assessment } from './assessment.js';
import { DEFAULT_SLA, deadlines, openKevWeaknesses, type SlaPolicy } from './deadlines.js';
import {
  applyExceptions,
  exceptionSummary,
  notAffectedSummary,
  withoutExceptions,
  type ExceptionRule,
  type ExceptionsApplied,
} from './exceptions.js';
import { fleetState, type FleetState } from './fleet-state.js';
import {
  emptyHistory,
  HISTORY_RETENTION_DAYS,
  prune,
  readState,
  type History,
  type HistoryDay,
  type ScopeDay,
} from './history.js';
import { levelOf } from './levels.js';
import { indexOfKey, NO_PAIRS, PairDays, type PairDayList } from './pair-days.js';
import { MODEL_VERSION, SCOPE_DAYS } from './model.js';
import { utcDay, type Observation } from './observation.js';
import {
  toReportDocument,
  type FeedInfo,
  type InputsInfo,
  type ReportDocument,
  type VendorScore,
} from './report-document.js';
import { pageDetails, type PageDetails } from './page-document.js';
import type { Snapshot } from './snapshot.js';
import { fromStateRecord, toStateRecord, type StateRecord } from './state-record.js';
import { changeBetweenSnapshots, organizationScore } from './trend.js';
import type { Trend, TrendPoint } from './trend-types.js';

/** The history as a previous run left it, with its carried state built (feeds applied). */
export interface CarriedHistory {
  record: History;
  /** `record.state` built and enriched with today's feeds, with each device's observation time. */
  state: { snapshot: Snapshot; observedAt: ReadonlyMap<string, number> } | null;
  /**
   * True when no feed of this run changed `state` (none was given): it then is the recorded
   * state itself, and the previous day's state need not be built a second time.
   */
  asRecorded?: boolean;
}

export interface EvaluationInput {
  /** What the inputs of this run say. */
  observations: readonly Observation[];
  history?: CarriedHistory | null;
  /** Epoch ms; default: the latest observation (or the history's state). */
  asOf?: number;
  /** Score one group instead of the organization; its trend follows the group too. */
  group?: string;
  /** Whether the updated history is wanted (it then records every group's trend). */
  keepHistory?: boolean;
  retentionDays?: number;
  /** Without history, only the last this many observation days are followed (default: all). */
  trendDays?: number;
  /** The organization's name, when the user gave one (it wins over the inputs'). */
  organization?: string;
  feeds?: FeedInfo;
  inputs: InputsInfo;
  /** What the loader has to tell the user. */
  warnings?: readonly string[];
  /**
   * Accepted risks, applied to the state of every trend point as of its own day (so an accepted
   * finding does not read as remediated). The history keeps the states without them.
   */
  exceptions?: readonly ExceptionRule[];
  /** Remediation deadlines by severity, from each open pair's first-seen day (default: DEFAULT_SLA). */
  sla?: SlaPolicy;
  /** KEV listings' due dates by CVE id: they apply when earlier than the policy's. */
  kevDueDates?: ReadonlyMap<string, string>;
  /** A vendor's own scores found in the inputs (Defender's), carried to the document as they are. */
  vendorScores?: readonly VendorScore[];
}

export interface Evaluation {
  /** The fleet state as of the headline time, exceptions applied (what is scored). */
  state: FleetState;
  assessment: Assessment;
  trend: Trend;
  document: ReportDocument;
  /** The history extended by this run, ready to be written; without `keepHistory`, its days only. */
  history: History;
  /** First day an open (device, weakness) pair of the state was seen, YYYY-MM-DD. */
  firstSeen: (device: string, weakness: string) => string | undefined;
  /**
   * What the pages show beside `document` (owners, tags, descriptions, each device's findings
   * with its first-seen days), for toPageDocument; built when asked (`exposure score` never is).
   */
  details(): PageDetails;
  warnings: string[];
}

/** An input the history cannot take (older than the last recorded day), or nothing to score. */
export class EvaluationError extends Error {
  override name = 'EvaluationError';
  constructor(
    message: string,
    /** The input it is about, when one. */
    readonly source?: string,
  ) {
    super(message);
  }
}

const LIST_LIMIT = 10;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown}, … (${items.length} in all)` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The carried state as an observation: each device at its own time, yielding at equal times. */
function carriedObservation(h: CarriedHistory | null | undefined): Observation | null {
  if (!h?.state) return null;
  const times = [...h.state.observedAt.values()];
  return {
    source: 'history',
    format: 'exposure-history/1',
    time: times.length ? Math.max(...times) : h.state.snapshot.time,
    timeSource: 'history',
    coverage: 'partial',
    snapshot: h.state.snapshot,
    deviceTimes: h.state.observedAt,
    yields: true,
  };
}

function point(snapshot: Snapshot, group: string | undefined): TrendPoint {
  const score = organizationScore(snapshot, group === undefined ? {} : { group });
  return { asOf: snapshot.takenAt, score, display: Math.round(score), level: levelOf(score, true) };
}

/** Groups with an in-scope device. */
function groupsOf(s: Snapshot): string[] {
  const names = new Set<string>();
  for (const d of s.devices) if (d.inScope && d.group !== undefined) names.add(d.group);
  return [...names].sort();
}

/**
 * One recorded day: its points and its changes from `previous`, per scope. Every group with an
 * in-scope device gets its point (a weighted sum of exposures the organization's point already
 * scored); only the groups in `explained` get their change attributed.
 */
function recordDay(
  day: string,
  state: Snapshot,
  previous: { state: Snapshot; day: HistoryDay } | null,
  explained: readonly string[],
): HistoryDay {
  // Points and changes are of what is scored: `state` and `previous.state` with exceptions applied.
  const scoped = (
    group: string | undefined,
    before: ScopeDay | undefined,
    explain: boolean,
  ): ScopeDay => ({
    point: point(state, group),
    change:
      explain && previous && before
        ? changeBetweenSnapshots(previous.state, state, group === undefined ? {} : { group })
        : null,
  });
  const out: HistoryDay = {
    day,
    organization: scoped(undefined, previous?.day.organization, true),
    groups: {},
  };
  const explain = new Set(explained);
  for (const g of new Set([...groupsOf(state), ...explained]))
    out.groups[g] = scoped(g, previous?.day.groups[g], explain.has(g));
  return out;
}

/** The trend of one scope from the recorded days. */
function trendOf(days: readonly HistoryDay[], group: string | undefined): Trend {
  const scoped = days
    .map((d) => (group === undefined ? d.organization : d.groups[group]))
    .filter((s): s is ScopeDay => s !== undefined);
  const points = scoped.map((s) => s.point);
  const known = new Set(points.map((p) => p.asOf));
  const changes = scoped
    .map((s) => s.change)
    .filter((c): c is NonNullable<typeof c> => c !== null && known.has(c.from) && known.has(c.to));
  return { points, changes };
}

export function evaluate(input: EvaluationInput): Evaluation {
  const recorded = input.history?.record ?? null;
  if (recorded && recorded.model !== MODEL_VERSION) {
    throw new EvaluationError(
      `the history was recorded with ${recorded.model}, this is ${MODEL_VERSION}: its points cannot be extended; rebuild it from the raw inputs (--rebuild-history)`,
    );
  }
  const lastDay = recorded?.days[recorded.days.length - 1]?.day;
  const fresh = [...input.observations];
  if (lastDay !== undefined) {
    const old = fresh
      .filter((o) => utcDay(o.time) < lastDay)
      .sort((a, b) => a.time - b.time || (a.source < b.source ? -1 : 1));
    if (old.length > 0) {
      const o = old[0]!;
      throw new EvaluationError(
        `${o.source}: observed on ${utcDay(o.time)}, before the last day the history records (${lastDay}); ` +
          'a history only grows forward: give --rebuild-history to rebuild it from the raw inputs',
        o.source,
      );
    }
  }
  const carried = carriedObservation(input.history);
  const all = carried ? [...fresh, carried] : fresh;
  const latestFresh = fresh.length ? Math.max(...fresh.map((o) => o.time)) : undefined;
  const asOf = input.asOf ?? latestFresh ?? carried?.time;
  if (asOf === undefined) {
    const feeds = input.inputs.files.filter((f) => f.coverage === 'feed').map((f) => f.path);
    throw new EvaluationError(
      feeds.length > 0
        ? `the inputs hold nothing to score: ${feeds.join(', ')} ${feeds.length === 1 ? 'is a feed' : 'are feeds'} (KEV, EPSS or an inventory), which only enrich scan results; give scan results or a snapshot too`
        : `the inputs hold nothing to score${input.warnings?.length ? ` (${input.warnings.join('; ')})` : ''}`,
    );
  }
  if (lastDay !== undefined && utcDay(asOf) < lastDay)
    throw new EvaluationError(
      `--as-of ${new Date(asOf).toISOString()} is before the last day the history records (${lastDay})`,
    );
  const group = input.group === '' ? undefined : input.group;

  // One trend point per UTC day with an observation: the state at that day's last observation.
  const dayTimes = new Map<string, number>();
  for (const o of fresh) {
    if (o.time > asOf) continue;
    const day = utcDay(o.time);
    dayTimes.set(day, Math.max(dayTimes.get(day) ?? -Infinity, o.time));
  }
  // On the headline's own day, the point is the headline: the state as of --as-of.
  if (dayTimes.has(utcDay(asOf))) dayTimes.set(utcDay(asOf), asOf);
  let days = [...dayTimes].sort(([a], [b]) => (a < b ? -1 : 1));
  if (!recorded && input.trendDays !== undefined) days = days.slice(-input.trendDays);

  const replacing = lastDay !== undefined && days[0]?.[0] === lastDay;
  const keptDays = recorded ? (replacing ? recorded.days.slice(0, -1) : recorded.days) : [];
  // The state before the last recorded day is read only when that day is replaced.
  const baseRecord = replacing ? readState(recorded?.base ?? null) : null;
  const rebuilt = (which: 'state' | 'base'): Snapshot | null => {
    const r = which === 'state' ? recorded?.state : baseRecord;
    return r ? fromStateRecord(r).builder.build() : null;
  };
  let previous: { state: Snapshot; day: HistoryDay } | null = null;
  const previousDay = keptDays[keptDays.length - 1];
  if (previousDay) {
    const carriedState = input.history?.asRecorded ? input.history.state?.snapshot : undefined;
    const state = !replacing && carriedState ? carriedState : rebuilt(replacing ? 'base' : 'state');
    if (state) previous = { state, day: previousDay };
  }
  const rules = input.exceptions ?? [];
  const applied = new WeakMap<Snapshot, ExceptionsApplied>();
  /** A raw state with the exception rules applied as of its own day (once per state). */
  const accepted = (raw: Snapshot): ExceptionsApplied => {
    let hit = applied.get(raw);
    if (!hit) {
      hit = rules.length
        ? applyExceptions(raw, rules)
        : { snapshot: raw, outcomes: [], warnings: [] };
      applied.set(raw, hit);
    }
    return hit;
  };
  const pairs = new PairDays(weaknessIdsOf(all, recorded, baseRecord));
  let seen = recorded ? pairs.fromRecord(recorded.firstSeen) : NO_PAIRS;
  let seenBefore = seen;

  const newDays: HistoryDay[] = [];
  let baseOut: FleetState | null = null;
  /** The raw state of the trend point before the headline's (for the KEV weaknesses new since). */
  let pointBefore: Snapshot | null = null;
  let last: FleetState | null = null;
  /** Observations some trend point's state took a device or weakness data from. */
  const counted = new Set<Observation>();
  for (const [day, t] of days) {
    const state = fleetState(all, t)!;
    for (const o of state.used) counted.add(o);
    const groups = input.keepHistory
      ? groupsOf(state.snapshot)
      : group !== undefined
        ? [group]
        : [];
    const scored = accepted(state.snapshot).snapshot;
    const recordedDay = recordDay(
      day,
      scored,
      previous && { state: accepted(previous.state).snapshot, day: previous.day },
      groups,
    );
    pointBefore = previous?.state ?? null;
    newDays.push(recordedDay);
    // A run of one day with no history to keep: every open pair is first seen that day, which is
    // what an empty list says (and a million pairs need not be sorted to say it).
    if (recorded || input.keepHistory || days.length > 1) {
      const wasOpen = previous ? pairs.openPairs(previous.state) : new Float64Array(0);
      seenBefore = seen;
      seen = pairs.advance(seen, wasOpen, pairs.openPairs(state.snapshot), day);
    }
    baseOut = last;
    last = state;
    previous = { state: state.snapshot, day: recordedDay };
  }

  const headline =
    last && last.snapshot.time === asOf && days.length > 0 ? last : fleetState(all, asOf);
  if (!headline) throw new EvaluationError('no input was observed at or before the --as-of time');
  if (headline !== last) pointBefore = previous?.state ?? null;
  const acceptance = accepted(headline.snapshot);
  const snapshot =
    input.organization !== undefined && acceptance.snapshot.organization !== input.organization
      ? { ...acceptance.snapshot, organization: input.organization }
      : acceptance.snapshot;
  const state: FleetState = { ...headline, snapshot };

  const warnings = [...(input.warnings ?? [])];
  const scopedGroup =
    group !== undefined && !snapshot.devices.some((d) => d.inScope && d.group === group)
      ? (warnings.push(`no device in scope is in group "${group}"; the organization is scored`),
        undefined)
      : group;
  for (const o of state.used) counted.add(o);
  warnings.push(...stateWarnings(fresh, state, counted), ...acceptance.warnings);

  const historyDays = prune(
    [...keptDays, ...newDays],
    input.retentionDays ?? recorded?.retentionDays ?? HISTORY_RETENTION_DAYS,
  );
  // The headline is always on the trend: when it is no observation day's state (an --as-of past
  // the last observation), it is the trend's last point.
  const headlineDay =
    last && headline === last
      ? []
      : [recordDay(utcDay(asOf), snapshot, null, scopedGroup === undefined ? [] : [scopedGroup])];
  const trendDays = [...historyDays, ...headlineDay];
  const trend = trendOf(trendDays, scopedGroup);
  const scopeOption = scopedGroup === undefined ? {} : { group: scopedGroup };
  const assessment = assess(snapshot, scopeOption);

  const history = updatedHistory(recorded, historyDays, input, {
    last,
    baseOut,
    replacing,
    seen,
    seenBefore,
    pairs,
  });
  const fallback = utcDay(snapshot.time);
  const firstSeen = (device: string, weakness: string): string | undefined => {
    // Known pairs are those of the headline's open pairs (listing them interns its ids).
    const open = pairs.openPairs(headline.snapshot);
    const key = pairs.keyOf(device, weakness);
    if (key === undefined) return undefined;
    return pairs.dayOf(seen, key) ?? (indexOfKey(open, key) >= 0 ? fallback : undefined);
  };
  /**
   * firstSeen of the open pairs of `of` (the headline with exceptions applied: the same devices
   * and weaknesses, fewer open pairs), by its indexes; undefined (today) for a pair never listed.
   */
  const firstSeenAt = (of: Snapshot) => {
    const keyAt = pairs.keysOf(of);
    return (d: number, w: number): string | undefined => {
      const key = keyAt(d, w);
      return key === undefined ? undefined : (pairs.dayOf(seen, key) ?? fallback);
    };
  };
  const reopened = withoutExceptions(snapshot);
  const kevNow = openKevWeaknesses(snapshot);
  const kevBefore = pointBefore ? new Set(openKevWeaknesses(accepted(pointBefore).snapshot)) : null;
  const document = toReportDocument({
    assessment,
    trend,
    ...(input.feeds && { feeds: input.feeds }),
    inputs: input.inputs,
    ...(input.vendorScores && { vendorScores: input.vendorScores }),
    warnings,
    scope: { group: scopedGroup ?? null },
    groupTrends: new Map(
      assessment.groups
        .filter((g) => g.name !== null)
        .map((g) => [g.name!, trendOf(trendDays, g.name!).points]),
    ),
    outOfScope: snapshot.devices
      .filter((d) => !d.inScope && (scopedGroup === undefined || d.group === scopedGroup))
      .map((d) => ({ id: d.id, name: d.name, lastSeen: d.lastSeen ?? null }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    history:
      input.keepHistory || recorded
        ? {
            days: history.days.length,
            from: history.days[0]?.day ?? null,
            retentionDays: history.retentionDays,
          }
        : null,
    risk: {
      // Assessed again only when something is accepted; otherwise it is the score itself.
      scoreWithoutExceptions:
        reopened === snapshot ? assessment.score : assess(reopened, scopeOption).score,
      outcomes: acceptance.outcomes,
      excepted: exceptionSummary(snapshot),
      notAffected: notAffectedSummary(snapshot),
      deadlines: deadlines({
        snapshot,
        firstSeen,
        firstSeenAt: firstSeenAt(snapshot),
        policy: input.sla ?? DEFAULT_SLA,
        ...(input.kevDueDates && { kevDueDates: input.kevDueDates }),
      }),
      newKev: kevBefore ? kevNow.filter((id) => !kevBefore.has(id)) : null,
    },
  });
  const details = (): PageDetails =>
    pageDetails(assessment, {
      of: (deviceId) => deviceFindings(snapshot, deviceId, firstSeen),
    });
  return { state, assessment, trend, document, history, firstSeen, details, warnings };
}

/** Every weakness id the evaluation can meet: in the observations and in the history record. */
function weaknessIdsOf(
  observations: readonly Observation[],
  recorded: History | null,
  base: StateRecord | null,
): Set<string> {
  const ids = new Set<string>();
  for (const o of observations) for (const w of o.snapshot.weaknesses) ids.add(w.id);
  for (const r of [recorded?.state, base]) for (const w of r?.weaknesses ?? []) ids.add(w.id);
  for (const id of recorded?.firstSeen.weaknesses ?? []) ids.add(id);
  return ids;
}

function updatedHistory(
  recorded: History | null,
  days: HistoryDay[],
  input: EvaluationInput,
  run: {
    last: FleetState | null;
    baseOut: FleetState | null;
    replacing: boolean;
    seen: PairDayList;
    seenBefore: PairDayList;
    pairs: PairDays;
  },
): History {
  const out = recorded ? { ...recorded, days } : { ...emptyHistory(MODEL_VERSION), days };
  // Nobody writes it: its days are enough (the states and first-seen columns cost seconds at 1M).
  if (!input.keepHistory) return out;
  if (input.retentionDays !== undefined) out.retentionDays = input.retentionDays;
  if (!run.last) return out;
  out.state = toStateRecord(run.last.snapshot, run.last.observedAt);
  // The state before the last day: computed in this run, or the one the history already had.
  if (run.baseOut) out.base = toStateRecord(run.baseOut.snapshot, run.baseOut.observedAt);
  else out.base = recorded ? (run.replacing ? recorded.base : recorded.state) : null;
  out.firstSeen = run.pairs.toRecord(run.pairs.union(run.seen, run.seenBefore));
  return out;
}

/** What the state says that the user should know: devices out of scope, inputs that do not count. */
function stateWarnings(
  fresh: readonly Observation[],
  state: FleetState,
  counted: ReadonlySet<Observation>,
): string[] {
  const out: string[] = [];
  const s = state.snapshot;
  const away = s.devices.filter((d) => !d.inScope).map((d) => d.name);
  if (away.length > 0 && away.length === s.devices.length) {
    out.push(
      `every device is out of scope as of ${s.takenAt} (none was seen in the ${SCOPE_DAYS} days before): the score is 0`,
    );
  } else if (away.length > 0) {
    out.push(
      `${plural(away.length, 'device')} out of scope (not seen in the ${SCOPE_DAYS} days before ${s.takenAt}): ${listed(away.sort())}`,
    );
  }
  for (const o of [...fresh].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    if (o.time > s.time || counted.has(o)) continue;
    if (o.snapshot.devices.length === 0 && o.snapshot.weaknesses.length === 0) continue;
    out.push(
      `${o.source}: every device it names has a newer observation of the same day, or left the fleet; it counts nowhere`,
    );
  }
  return out;
}
