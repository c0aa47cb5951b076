import type {
  Assessment,
  DeviceAssessment,
  DeviceFinding,
  GroupAssessment,
  LevelCounts,
  PlanStep,
  WeaknessSummary,
} from './assessment.js';
import { severityLabel } from './cvss.js';
import {
  createContributions,
  devicesByRecommendation,
  withdrawContributions,
  type Contributions,
} from './contributions.js';
import { DeviceScorer, scorePass, type PassResult } from './device-scorer.js';
import { prepare, type Prepared } from './prepare.js';
import { levelOf, deviceWeights } from './levels.js';
import { MODEL_VERSION, PLAN_STEPS } from './model.js';
import { summarizeRecommendations } from './recommendations.js';
import { NONE, type Device, type Snapshot } from './snapshot.js';
import type { PageFinding } from './page-document.js';

export interface AssessOptions {
  /** Restrict the assessment to one group's devices (the group is then the scope, N its size). */
  group?: string;
}

function emptyCounts(): LevelCounts {
  return { none: 0, low: 0, medium: 0, high: 0 };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Scores a snapshot: devices, groups, organization, recommendations with impact, and the plan. */
export function assess(snapshot: Snapshot, options: AssessOptions = {}): Assessment {
  const p = prepare(snapshot);
  const devices = snapshot.devices;
  const deviceSet =
    options.group === undefined
      ? p.devices
      : p.devices.filter((d) => devices[d]!.group === options.group);
  const weights = deviceWeights(devices, deviceSet);
  const contributions = createContributions(p);
  const base = scorePass(p, weights, deviceSet, null, true, contributions);

  const assessed: DeviceAssessment[] = Array.from(deviceSet, (d) =>
    toDeviceAssessment(devices[d]!, weights[d]!, base.exposure[d]!, base.pairs[d]!),
  );
  // The device set is in id order and the sort is stable: ties stay in id order without
  // comparing 20,000 ids.
  assessed.sort((a, b) => b.score - a.score);
  const byLevel = emptyCounts();
  for (const d of assessed) byLevel[d.level]++;

  const display = Math.round(base.score);
  const { recommendations, weaknessDevices, weaknessAlerts } = summarizeRecommendations(
    p,
    deviceSet,
    base,
  );
  const plan = planSteps(
    p,
    weights,
    deviceSet,
    base,
    recommendations.map((r) => r.index),
    contributions,
  );

  return {
    model: MODEL_VERSION,
    ...(snapshot.organization !== undefined && { organization: snapshot.organization }),
    asOf: snapshot.takenAt,
    ...(options.group !== undefined && { scope: options.group }),
    score: base.score,
    display,
    level: levelOf(base.score, true),
    devices: assessed,
    deviceCounts: {
      total: deviceSet.length,
      outOfScope: devices.filter(
        (d) => !d.inScope && (options.group === undefined || d.group === options.group),
      ).length,
      byLevel,
    },
    findings: countFindings(snapshot, deviceSet),
    groups:
      options.group === undefined ? groupScores(devices, deviceSet, base.exposure, base.pairs) : [],
    weaknesses: summarizeWeaknesses(snapshot, weaknessDevices, weaknessAlerts),
    recommendations: recommendations.map(({ index: _index, ...r }) => r),
    plan: plan.map((step) => ({
      ...step,
      title: recommendations.find((r) => r.id === step.recommendation)!.title,
    })),
  };
}

function toDeviceAssessment(
  d: Device,
  weight: number,
  score: number,
  pairs: number,
): DeviceAssessment {
  // Field by field in the order the type lists them, not with conditional spreads: this runs
  // once per device, 20,000 times on a large fleet.
  const out: Partial<DeviceAssessment> = { id: d.id, name: d.name };
  if (d.os !== undefined) out.os = d.os;
  if (d.group !== undefined) out.group = d.group;
  out.value = d.value;
  if (d.owner !== undefined) out.owner = d.owner;
  out.tags = d.tags;
  if (d.lastSeen !== undefined) out.lastSeen = d.lastSeen;
  out.weight = weight;
  out.score = score;
  out.display = Math.round(score);
  out.level = levelOf(score, pairs > 0);
  out.openWeaknesses = pairs;
  return out as DeviceAssessment;
}

function countFindings(s: Snapshot, deviceSet: Int32Array): { total: number; open: number } {
  const member = new Uint8Array(s.devices.length);
  for (const d of deviceSet) member[d] = 1;
  let total = 0;
  let open = 0;
  for (let n = 0; n < s.findings.count; n++) {
    if (!member[s.findings.device[n]!]) continue;
    total++;
    if (s.findings.status[n] === 0) open++;
  }
  return { total, open };
}

function groupScores(
  devices: readonly Device[],
  deviceSet: Int32Array,
  exposure: Float64Array,
  pairs: Uint32Array,
): GroupAssessment[] {
  const groups = new Map<string | null, number[]>();
  for (const d of deviceSet) {
    const name = devices[d]!.group ?? null;
    const list = groups.get(name) ?? [];
    list.push(d);
    groups.set(name, list);
  }
  const out: GroupAssessment[] = [];
  for (const [name, members] of groups) {
    const set = Int32Array.from(members);
    const weights = deviceWeights(devices, set);
    let weighted = 0;
    let total = 0;
    const byLevel = emptyCounts();
    for (const d of set) {
      weighted += weights[d]! * exposure[d]!;
      total += weights[d]!;
      byLevel[levelOf(exposure[d]!, pairs[d]! > 0)]++;
    }
    const score = total > 0 ? weighted / total : 0;
    out.push({
      name,
      score,
      display: Math.round(score),
      level: levelOf(score, true),
      devices: set.length,
      byLevel,
    });
  }
  // Worst first; the devices of no group last among equals.
  return out.sort(
    (a, b) => b.score - a.score || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'),
  );
}

function summarizeWeaknesses(
  s: Snapshot,
  devicesOf: Uint32Array,
  alertsOf: Uint32Array,
): WeaknessSummary[] {
  const out: WeaknessSummary[] = [];
  for (const w of s.weaknesses) {
    if (devicesOf[w.index] === 0) continue;
    out.push({
      id: w.id,
      kind: w.kind,
      ...(w.title !== undefined && { title: w.title }),
      ...(w.description !== undefined && { description: w.description }),
      severity: w.severity,
      severityLabel: w.label && w.severitySource === 'label' ? w.label : severityLabel(w.severity),
      severitySource: w.severitySource,
      ...(w.label !== undefined && { scannerSeverity: w.label }),
      ...(w.cvssUsed && { cvss: w.cvssUsed }),
      ...(w.published !== undefined && { published: w.published }),
      kev: w.kev,
      exploit: w.exploit,
      ...(w.epss !== undefined && { epss: w.epss }),
      likelihood: w.likelihood,
      references: w.references,
      devices: devicesOf[w.index]!,
      activeAlerts: alertsOf[w.index]!,
    });
  }
  return out.sort(
    (a, b) =>
      b.severity * b.likelihood - a.severity * a.likelihood || b.devices - a.devices || byId(a, b),
  );
}

/**
 * Greedy remediation plan: take the largest impact, remove it, rescore, repeat. Only the devices
 * of the recommendation taken change, so only they are rescored: their old contributions to every
 * impact are taken out and their new ones put in.
 */
function planSteps(
  p: Prepared,
  weights: Float64Array,
  deviceSet: Int32Array,
  base: PassResult,
  rankOrder: number[],
  contributions: Contributions,
): Omit<PlanStep, 'title'>[] {
  const excluded = new Uint8Array(p.recs.length);
  const steps: Omit<PlanStep, 'title'>[] = [];
  const devicesOf = devicesByRecommendation(p, deviceSet);
  const scorer = new DeviceScorer(p, contributions);
  const exposure = base.exposure.slice();
  const impactSums = base.impactSums!.slice();
  let weighted = base.weighted;
  let score = base.score;
  for (let step = 1; step <= PLAN_STEPS; step++) {
    let best = NONE;
    // Ties go to the recommendation ranked first (impact, then devices, then id).
    for (const R of rankOrder) {
      if (
        !excluded[R] &&
        impactSums[R]! > 1e-12 &&
        (best === NONE || impactSums[R]! > impactSums[best]!)
      )
        best = R;
    }
    if (best === NONE) break;
    // Take out what these devices contributed (recorded when they were last scored), then score
    // them again without the recommendation taken.
    for (const d of devicesOf[best]!) withdrawContributions(p, contributions, d, impactSums);
    excluded[best] = 1;
    for (const d of devicesOf[best]!) {
      const D = scorer.score(d, excluded, impactSums, weights[d]!, 1);
      weighted += weights[d]! * (D - exposure[d]!);
      exposure[d] = D;
    }
    const next = base.totalWeight > 0 ? Math.max(0, weighted / base.totalWeight) : 0;
    steps.push({
      step,
      recommendation: p.recs[best]!.id,
      exposureImpact: score - next,
      score: next,
      display: Math.round(next),
      level: levelOf(next, true),
    });
    score = next;
  }
  return steps;
}

const deviceIndexes = new WeakMap<Snapshot, Map<string, Device>>();

function deviceById(snapshot: Snapshot): Map<string, Device> {
  let map = deviceIndexes.get(snapshot);
  if (!map) {
    map = new Map(snapshot.devices.map((d) => [d.id, d]));
    deviceIndexes.set(snapshot, map);
  }
  return map;
}

/**
 * The open findings of one device, riskiest first, for a device page; with `firstSeen`, each
 * carries its pair's first-seen day (null when unknown), as the page document lists them.
 */
export function deviceFindings(snapshot: Snapshot, deviceId: string): DeviceFinding[];
export function deviceFindings(
  snapshot: Snapshot,
  deviceId: string,
  firstSeen: (device: string, weakness: string) => string | undefined,
): PageFinding[];
export function deviceFindings(
  snapshot: Snapshot,
  deviceId: string,
  firstSeen?: (device: string, weakness: string) => string | undefined,
): DeviceFinding[] {
  const p = prepare(snapshot);
  const device = deviceById(snapshot).get(deviceId);
  if (!device) return [];
  const f = snapshot.findings;
  const out: DeviceFinding[] = [];
  for (let i = p.start[device.index]!; i < p.start[device.index + 1]!; i++) {
    const n = p.order[i]!;
    const sw = f.software[n]!;
    const version = f.version[n]!;
    const fixed = f.fixedVersion[n]!;
    // Built field by field rather than with conditional spreads: a device page per device makes
    // this a million-finding loop on a large fleet.
    const finding: DeviceFinding = {
      weakness: snapshot.weaknesses[f.weakness[n]!]!.id,
      activeAlert: f.activeAlert[n] === 1,
      risk: p.risk[n]!,
      recommendation: p.recs[p.rec[n]!]!.id,
    };
    if (sw !== NONE) {
      const software = snapshot.software[sw]!;
      finding.software =
        version === NONE
          ? { vendor: software.vendor, product: software.product }
          : {
              vendor: software.vendor,
              product: software.product,
              version: snapshot.strings[version]!,
            };
    }
    if (fixed !== NONE) finding.fixedVersion = snapshot.strings[fixed]!;
    if (firstSeen)
      (finding as PageFinding).firstSeen = firstSeen(deviceId, finding.weakness) ?? null;
    out.push(finding);
  }
  return out.sort(
    (a, b) =>
      b.risk - a.risk ||
      (a.weakness < b.weakness ? -1 : a.weakness > b.weakness ? 1 : 0) ||
      (a.recommendation < b.recommendation ? -1 : a.recommendation > b.recommendation ? 1 : 0),
  );
}
