import type { Recommendation, RecommendationTarget } from './assessment.js';
import { severityLabel } from './cvss.js';
import type { PassResult } from './device-scorer.js';
import type { Prepared } from './prepare.js';
import { NONE } from './snapshot.js';
import { compareVersions } from './version-compare.js';

export interface RecommendationSummary {
  recommendations: Array<Recommendation & { index: number }>;
  /** Devices with an open finding, per weakness index. */
  weaknessDevices: Uint32Array;
  /** Devices with an active alert on an open finding, per weakness index. */
  weaknessAlerts: Uint32Array;
}

/**
 * Everything a recommendation shows besides its impact: the weaknesses it removes, the devices it
 * touches, the highest fixed version, severity and threats. One walk over the open findings.
 */
export function summarizeRecommendations(
  p: Prepared,
  deviceSet: Int32Array,
  base: PassResult,
): RecommendationSummary {
  const s = p.snapshot;
  const f = s.findings;
  const nR = p.recs.length;
  const nW = s.weaknesses.length;
  const pairStamp = new Int32Array(nW).fill(-1);
  const alertPairStamp = new Int32Array(nW).fill(-1);
  const weaknessDevices = new Uint32Array(nW);
  const weaknessAlerts = new Uint32Array(nW);
  const recStart = new Uint32Array(nR + 1);
  for (const d of deviceSet) {
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const w = f.weakness[n]!;
      recStart[p.rec[n]! + 1]!++;
      if (pairStamp[w] !== d) {
        pairStamp[w] = d;
        weaknessDevices[w]!++;
      }
      if (f.activeAlert[n] === 1 && alertPairStamp[w] !== d) {
        alertPairStamp[w] = d;
        weaknessAlerts[w]!++;
      }
    }
  }
  // Bucket the findings by recommendation (devices stay in order inside a bucket), copying what
  // the walk below reads: it then reads sequentially instead of jumping across the findings table.
  for (let R = 0; R < nR; R++) recStart[R + 1]! += recStart[R]!;
  const fill = recStart.slice(0, nR);
  const total = recStart[nR]!;
  const bDevice = new Uint32Array(total);
  const bWeakness = new Uint32Array(total);
  const bFixed = new Int32Array(total);
  const bAlert = new Uint8Array(total);
  for (const d of deviceSet)
    for (let i = p.start[d]!; i < p.start[d + 1]!; i++) {
      const n = p.order[i]!;
      const at = fill[p.rec[n]!]!++;
      bDevice[at] = d;
      bWeakness[at] = f.weakness[n]!;
      bFixed[at] = f.fixedVersion[n]!;
      bAlert[at] = f.activeAlert[n]!;
    }

  const weaknessStamp = new Int32Array(nW).fill(-1);
  const fixedStamp = new Int32Array(s.strings.length).fill(-1);
  // Exposed devices are listed by exposure, highest first: rank every device once.
  const rank = new Int32Array(s.devices.length);
  const byRank = Array.from(deviceSet).sort(
    (a, b) =>
      base.exposure[b]! - base.exposure[a]! || (s.devices[a]!.id < s.devices[b]!.id ? -1 : 1),
  );
  byRank.forEach((d, i) => (rank[d] = i));
  const out: Array<Recommendation & { index: number }> = [];
  for (let R = 0; R < nR; R++) {
    const from = recStart[R]!;
    const to = recStart[R + 1]!;
    if (from === to) continue;
    const key = p.recs[R]!;
    const deviceList: number[] = [];
    const weaknessList: number[] = [];
    let lastDevice = -1;
    let alertDevice = -1;
    let alerts = 0;
    let bestFixed = NONE;
    // Per platform: a device's findings are consecutive in the bucket, so the platform is
    // looked up once per device, and each distinct fixed version compared once.
    const platforms = new Map<string | undefined, PlatformFix>();
    let platform: PlatformFix | undefined;
    for (let i = from; i < to; i++) {
      const d = bDevice[i]!;
      const w = bWeakness[i]!;
      if (d !== lastDevice) {
        lastDevice = d;
        deviceList.push(d);
        const os = s.devices[d]!.os;
        platform = platforms.get(os);
        if (!platform) {
          platform = { os, devices: 0, best: NONE, seen: new Set() };
          platforms.set(os, platform);
        }
        platform.devices++;
      }
      const fixedHere = bFixed[i]!;
      if (fixedHere !== NONE && !platform!.seen.has(fixedHere)) {
        platform!.seen.add(fixedHere);
        if (
          platform!.best === NONE ||
          compareVersions(s.strings[fixedHere]!, s.strings[platform!.best]!) > 0
        )
          platform!.best = fixedHere;
      }
      if (weaknessStamp[w] !== R) {
        weaknessStamp[w] = R;
        weaknessList.push(w);
      }
      if (bAlert[i] === 1 && alertDevice !== d) {
        alertDevice = d;
        alerts++;
      }
      const fixed = bFixed[i]!;
      if (fixed !== NONE && fixedStamp[fixed] !== R) {
        fixedStamp[fixed] = R;
        if (bestFixed === NONE || compareVersions(s.strings[fixed]!, s.strings[bestFixed]!) > 0)
          bestFixed = fixed;
      }
    }
    const weaknesses = weaknessList.map((w) => s.weaknesses[w]!);
    let maxSeverity = 0;
    let maxEpss: number | null = null;
    let kev = 0;
    let weaponized = 0;
    let poc = 0;
    for (const w of weaknesses) {
      maxSeverity = Math.max(maxSeverity, w.severity);
      if (w.epss !== undefined) maxEpss = Math.max(maxEpss ?? 0, w.epss);
      if (w.kev) kev++;
      if (w.exploit === 'weaponized') weaponized++;
      else if (w.exploit === 'poc') poc++;
    }
    // Ranks are distinct integers: a numeric typed-array sort, no comparator calls.
    const devices = Array.from(
      Int32Array.from(deviceList, (d) => rank[d]!).sort(),
      (r) => byRank[r]!,
    );
    const software = key.software === NONE ? null : s.software[key.software]!;
    const targets = platformTargets(platforms, s.strings);
    const versions = new Set(targets.map((t) => t.version).filter((v) => v !== null));
    out.push({
      index: R,
      id: key.id,
      title: key.title,
      kind: key.kind,
      imported: key.imported,
      software: software && { vendor: software.vendor, product: software.product },
      // One version for every platform with a fix: that one. Several: none is "the" target.
      targetVersion: bestFixed === NONE || versions.size > 1 ? null : s.strings[bestFixed]!,
      targets,
      weaknesses: weaknesses.map((w) => w.id).sort(),
      exposedDevices: devices.length,
      devices: devices.map((d) => s.devices[d]!.id),
      openFindings: to - from,
      severity: { score: maxSeverity * 10, label: severityLabel(maxSeverity) },
      threats: { kev, weaponized, poc, maxEpss, activeAlerts: alerts },
      exposureImpact: base.impact![R]!,
    });
  }
  out.sort(
    (a, b) =>
      b.exposureImpact - a.exposureImpact ||
      b.exposedDevices - a.exposedDevices ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { recommendations: out, weaknessDevices, weaknessAlerts };
}

interface PlatformFix {
  os: string | undefined;
  devices: number;
  /** Highest fixed version seen on this platform (a string index), or NONE. */
  best: number;
  /**
   * The fixed versions already compared: a platform's findings repeat a few versions many
   * times, and comparing version strings is what would cost (a million compares at 1M findings).
   */
  seen: Set<number>;
}

/** "RHEL 9" → RHEL, 9; "Windows Server 2022" → Windows Server, 2022; "Debian" → Debian, null. */
export function osPlatform(os: string): { family: string; osVersion: string | null } {
  const tokens = os.trim().split(/\s+/);
  const at = tokens.findIndex((t, i) => i > 0 && /^\d/.test(t));
  if (at < 0) return { family: tokens.join(' '), osVersion: null };
  return { family: tokens.slice(0, at).join(' '), osVersion: tokens.slice(at).join(' ') };
}

/** Most devices first; ties by the platform's name, devices without an OS last. */
function platformTargets(
  platforms: ReadonlyMap<string | undefined, PlatformFix>,
  strings: readonly string[],
): RecommendationTarget[] {
  return [...platforms.values()]
    .map((p): RecommendationTarget => {
      const split = p.os === undefined ? null : osPlatform(p.os);
      return {
        os: p.os ?? null,
        family: split?.family ?? null,
        osVersion: split?.osVersion ?? null,
        version: p.best === NONE ? null : strings[p.best]!,
        devices: p.devices,
      };
    })
    .sort(
      (a, b) =>
        b.devices - a.devices ||
        (a.os === null ? 1 : 0) - (b.os === null ? 1 : 0) ||
        ((a.os ?? '') < (b.os ?? '') ? -1 : (a.os ?? '') > (b.os ?? '') ? 1 : 0),
    );
}
