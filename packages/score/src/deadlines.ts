/**
 * Remediation deadlines (SLA). Each open (device, weakness) pair of an in-scope device is due a
 * number of days after the day it was first seen, by its severity label (the policy); a CISA KEV
 * listing's own due date applies when it is earlier. As of the snapshot's day a pair is overdue
 * (due before that day), due soon (due within DUE_SOON_DAYS) or on time. A pair of severity
 * "none" has no policy deadline (only a KEV date can give it one).
 *
 * Pure: first-seen days come in as a function (the fleet history keeps them), KEV due dates as a
 * map, so the same pairs give the same deadlines however they were read.
 */
import { severityLabel } from './cvss.js';
import { prepare } from './prepare.js';
import { MS_PER_DAY } from './model.js';
import type { Snapshot } from './snapshot.js';

export interface SlaPolicy {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** DefectDojo's defaults, in days. */
export const DEFAULT_SLA: SlaPolicy = { critical: 7, high: 30, medium: 90, low: 180 };

/** A pair due within this many days (and not overdue) is "due soon". */
export const DUE_SOON_DAYS = 7;

/** ISO day (YYYY-MM-DD) an open pair was first seen; undefined when unknown (then: today). */
export type FirstSeen = (deviceId: string, weaknessId: string) => string | undefined;

export type DeadlineStatus = 'overdue' | 'due-soon' | 'on-time';

export interface DeadlineCounts {
  overdue: number;
  dueSoon: number;
  onTime: number;
}

export interface PairDeadline {
  device: string;
  weakness: string;
  firstSeen: string;
  due: string;
  /** Which rule set the date: the policy or the KEV listing's dueDate. */
  dueFrom: 'policy' | 'kev';
  status: DeadlineStatus;
  /** Days from the snapshot's day to the due day (negative when overdue). */
  daysLeft: number;
}

export interface Deadlines {
  policy: SlaPolicy;
  asOf: string;
  total: DeadlineCounts;
  /** Open pairs without any deadline (severity none and no KEV date). */
  withoutDeadline: number;
  /** A pair open through several recommendations counts in each of them. */
  byRecommendation: Array<{ id: string } & DeadlineCounts>;
  byGroup: Array<{ name: string | null } & DeadlineCounts>;
  /** The KEV pair open longest (earliest first-seen day, then earliest due, then ids). */
  oldestKev: (PairDeadline & { daysOpen: number }) | null;
  /** Every pair with a deadline, most overdue first (built when first read: 10^6 pairs are common). */
  readonly pairs: PairDeadline[];
  /** The first `limit` overdue pairs in the order of `pairs`, without building the others. */
  overduePairs(limit: number): PairDeadline[];
}

export interface DeadlineInput {
  snapshot: Snapshot;
  firstSeen: FirstSeen;
  /** The same as `firstSeen`, by the snapshot's device and weakness indexes (faster when given). */
  firstSeenAt?: (device: number, weakness: number) => string | undefined;
  policy?: SlaPolicy;
  /** KEV listings' due dates (YYYY-MM-DD) by CVE id. */
  kevDueDates?: ReadonlyMap<string, string>;
}

// A fleet has few distinct days and many pairs: each conversion is worked out once.
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();

function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.floor(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
    if (dayNumbers.size < 100_000) dayNumbers.set(day, n);
  }
  return n;
}

function dayString(n: number): string {
  let day = dayStrings.get(n);
  if (day === undefined) {
    day = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayStrings.size < 100_000) dayStrings.set(n, day);
  }
  return day;
}

function emptyCounts(): DeadlineCounts {
  return { overdue: 0, dueSoon: 0, onTime: 0 };
}

function count(c: DeadlineCounts, s: DeadlineStatus): void {
  if (s === 'overdue') c.overdue++;
  else if (s === 'due-soon') c.dueSoon++;
  else c.onTime++;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function deadlines(input: DeadlineInput): Deadlines {
  const { snapshot: s, firstSeen } = input;
  const policy = input.policy ?? DEFAULT_SLA;
  const today = dayNumber(s.takenAt.slice(0, 10));
  const p = prepare(s);
  const f = s.findings;
  const labels = s.weaknesses.map((w) =>
    w.label && w.severitySource === 'label' ? w.label : severityLabel(w.severity),
  );
  const total = emptyCounts();
  const byGroup = new Map<string | null, DeadlineCounts>();
  // Each pair with a deadline, in columns: device and weakness index, first-seen and due day
  // numbers, and whether the KEV listing set the date.
  // A pair has at least one open finding: the findings count bounds the pairs.
  const bound = p.order.length;
  const pd = new Uint32Array(bound);
  const pw = new Uint32Array(bound);
  const pSeen = new Int32Array(bound);
  const pDue = new Int32Array(bound);
  const pKev = new Uint8Array(bound);
  let pairs = 0;
  const pairAt = (k: number): PairDeadline => {
    const daysLeft = pDue[k]! - today;
    return {
      device: s.devices[pd[k]!]!.id,
      weakness: s.weaknesses[pw[k]!]!.id,
      firstSeen: dayString(pSeen[k]!),
      due: dayString(pDue[k]!),
      dueFrom: pKev[k] === 1 ? 'kev' : 'policy',
      status: statusFor(daysLeft),
      daysLeft,
    };
  };
  let all: PairDeadline[] | undefined;
  let withoutDeadline = 0;
  let oldestKev: (PairDeadline & { daysOpen: number }) | null = null;
  const stamp = new Int32Array(s.weaknesses.length).fill(-1);
  // Per weakness, the status of its pair on the device being walked (NO_STATUS: no deadline).
  const statusOf = new Int8Array(s.weaknesses.length);
  const byRecArr: Array<DeadlineCounts | undefined> = [];
  // The recommendations of the pair being walked (a pair has few: one per finding at most).
  const recsOfPair = new Int32Array(Math.max(1, bound));
  let recsCount = 0;
  const todayString = s.takenAt.slice(0, 10);
  // Policy days per weakness by its label (NO_DEADLINE for "none").
  const policyDays = Int32Array.from(labels, (l) => (l === 'none' ? NO_DEADLINE : policy[l]));
  let lastSeenDay = '';
  let lastSeen = 0;
  for (const d of p.devices) {
    const device = s.devices[d]!;
    const group = device.group ?? null;
    let g = byGroup.get(group);
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const w = f.weakness[n]!;
      if (stamp[w] !== d) {
        // First finding of this pair on this device: work out its deadline once.
        stamp[w] = d;
        const weakness = s.weaknesses[w]!;
        const seenDay =
          (input.firstSeenAt ? input.firstSeenAt(d, w) : firstSeen(device.id, weakness.id)) ??
          todayString;
        // Most pairs share a first-seen day with the pair before.
        if (seenDay !== lastSeenDay) {
          lastSeenDay = seenDay;
          lastSeen = dayNumber(seenDay);
        }
        const seen = lastSeen;
        const days = policyDays[w]!;
        let due = days === NO_DEADLINE ? undefined : seen + days;
        let dueFrom: PairDeadline['dueFrom'] = 'policy';
        const kevDue = weakness.kev ? input.kevDueDates?.get(weakness.id) : undefined;
        if (kevDue !== undefined && (due === undefined || dayNumber(kevDue) < due)) {
          due = dayNumber(kevDue);
          dueFrom = 'kev';
        }
        if (due === undefined) {
          withoutDeadline++;
          statusOf[w] = NO_STATUS;
          continue;
        }
        const daysLeft = due - today;
        const status = statusFor(daysLeft);
        statusOf[w] = STATUSES.indexOf(status);
        count(total, status);
        if (!g) byGroup.set(group, (g = emptyCounts()));
        count(g, status);
        pd[pairs] = d;
        pw[pairs] = w;
        pSeen[pairs] = seen;
        pDue[pairs] = due;
        pKev[pairs] = dueFrom === 'kev' ? 1 : 0;
        pairs++;
        const daysOpen = today - seen;
        if (weakness.kev && (!oldestKev || daysOpen >= oldestKev.daysOpen)) {
          const pair = pairAt(pairs - 1);
          if (
            !oldestKev ||
            daysOpen > oldestKev.daysOpen ||
            pair.due < oldestKev.due ||
            (pair.due === oldestKev.due &&
              (cmp(pair.weakness, oldestKev.weakness) || cmp(pair.device, oldestKev.device)) < 0)
          )
            oldestKev = { ...pair, daysOpen };
        }
      }
    }
    // Per recommendation: each (pair, recommendation) once, even with several findings. A
    // device's findings come in weakness order (prepare), so a pair's findings are consecutive.
    let lastWeakness = -1;
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const w = f.weakness[n]!;
      if (w !== lastWeakness) {
        lastWeakness = w;
        recsCount = 0;
      }
      const code = statusOf[w]!;
      if (code === NO_STATUS) continue;
      const R = p.rec[n]!;
      let known = false;
      for (let k = 0; k < recsCount && !known; k++) known = recsOfPair[k] === R;
      if (known) continue;
      recsOfPair[recsCount++] = R;
      count((byRecArr[R] ??= emptyCounts()), STATUSES[code]!);
    }
  }
  const byRec = new Map<number, DeadlineCounts>();
  byRecArr.forEach((c, R) => c && byRec.set(R, c));
  return {
    policy,
    asOf: dayString(today),
    total,
    withoutDeadline,
    byRecommendation: [...byRec]
      .map(([R, c]) => ({ id: p.recs[R]!.id, ...c }))
      .sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || cmp(a.id, b.id)),
    byGroup: [...byGroup]
      .map(([name, c]) => ({ name, ...c }))
      .sort(
        (a, b) =>
          b.overdue - a.overdue ||
          b.dueSoon - a.dueSoon ||
          (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'),
      ),
    oldestKev,
    get pairs() {
      return (all ??= ordered(indexes(() => true)).map(pairAt));
    },
    overduePairs(limit: number) {
      return ordered(indexes((k) => pDue[k]! < today))
        .slice(0, limit)
        .map(pairAt);
    },
  };

  function indexes(keep: (k: number) => boolean): number[] {
    const out: number[] = [];
    for (let k = 0; k < pairs; k++) if (keep(k)) out.push(k);
    return out;
  }
  /** Most overdue first, then by weakness id and device id. */
  function ordered(ks: number[]): number[] {
    return ks.sort(
      (a, b) =>
        pDue[a]! - pDue[b]! ||
        cmp(s.weaknesses[pw[a]!]!.id, s.weaknesses[pw[b]!]!.id) ||
        cmp(s.devices[pd[a]!]!.id, s.devices[pd[b]!]!.id),
    );
  }
}

const STATUSES: readonly DeadlineStatus[] = ['overdue', 'due-soon', 'on-time'];
const NO_STATUS = -1;
const NO_DEADLINE = -1;

function statusFor(daysLeft: number): DeadlineStatus {
  return daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'on-time';
}

/** Ids of the KEV weaknesses with an open finding on an in-scope device, sorted. */
export function openKevWeaknesses(snapshot: Snapshot): string[] {
  const p = prepare(snapshot);
  const f = snapshot.findings;
  const ids = new Set<string>();
  for (const d of p.devices)
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const w = snapshot.weaknesses[f.weakness[p.order[i]!]!]!;
      if (w.kev) ids.add(w.id);
    }
  return [...ids].sort(cmp);
}
