import type { Recommendation, RecommendationTarget } from './assessment.js';
import { severityLabel } from './cvss.js';
import type { PassResult } from './device-scorer.js';
import type { Prepared } from './prepare.js';
import { NONE, type Device } from './snapshot.js';
import { VersionTable } from './version-compare.js';

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

  const versions = new VersionTable(s.strings);
  const weaknessStamp = new Int32Array(nW).fill(-1);
  const fixedStamp = new Int32Array(s.strings.length).fill(-1);
  // Exposed devices are listed by exposure, highest first, ties in id order: the device set is in
  // id order and the sort is stable, so one numeric comparison ranks every device once.
  const rank = new Int32Array(s.devices.length);
  const byRank = Array.from(deviceSet).sort((a, b) => base.exposure[b]! - base.exposure[a]!);
  for (let i = 0; i < byRank.length; i++) rank[byRank[i]!] = i;
  // Each device's platform as a small number, so a recommendation's platforms are array slots.
  const { platformOf, platformNames } = platformsOf(s.devices, deviceSet);
  // Split once per platform, not once per recommendation that reaches it.
  const platformSplits = platformNames.map((os) => (os === undefined ? null : osPlatform(os)));
  const platformSlot = new Int32Array(platformNames.length).fill(-1);
  const ranks = new Int32Array(deviceSet.length);
  const out: Array<Recommendation & { index: number }> = [];
  for (let R = 0; R < nR; R++) {
    const from = recStart[R]!;
    const to = recStart[R + 1]!;
    if (from === to) continue;
    const key = p.recs[R]!;
    let exposed = 0;
    const weaknessList: number[] = [];
    let lastDevice = -1;
    let alertDevice = -1;
    let alerts = 0;
    let bestFixed = NONE;
    // Per platform: a device's findings are consecutive in the bucket, so the platform is
    // looked up once per device, and each distinct fixed version compared once.
    const platforms: PlatformFix[] = [];
    let platform: PlatformFix | undefined;
    for (let i = from; i < to; i++) {
      const d = bDevice[i]!;
      const w = bWeakness[i]!;
      if (d !== lastDevice) {
        lastDevice = d;
        ranks[exposed++] = rank[d]!;
        const k = platformOf[d]!;
        let slot = platformSlot[k]!;
        if (slot < 0 || platforms[slot]?.key !== k) {
          slot = platforms.length;
          platformSlot[k] = slot;
          platforms.push({
            key: k,
            os: platformNames[k],
            split: platformSplits[k]!,
            devices: 0,
            best: NONE,
            last: NONE,
            seen: new Set(),
          });
        }
        platform = platforms[slot]!;
        platform.devices++;
      }
      const fixedHere = bFixed[i]!;
      // A platform's findings repeat a few fixed versions: the last one is checked first.
      if (fixedHere !== NONE && fixedHere !== platform!.last && !platform!.seen.has(fixedHere)) {
        platform!.last = fixedHere;
        platform!.seen.add(fixedHere);
        if (platform!.best === NONE || versions.compare(fixedHere, platform!.best) > 0)
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
        if (bestFixed === NONE || versions.compare(fixed, bestFixed) > 0) bestFixed = fixed;
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
    const sorted = ranks.subarray(0, exposed).sort();
    const deviceIds = new Array<string>(exposed);
    for (let i = 0; i < exposed; i++) deviceIds[i] = s.devices[byRank[sorted[i]!]!]!.id;
    const software = key.software === NONE ? null : s.software[key.software]!;
    const targets = platformTargets(platforms, s.strings);
    const targetVersions = new Set(targets.map((t) => t.version).filter((v) => v !== null));
    out.push({
      index: R,
      id: key.id,
      title: key.title,
      kind: key.kind,
      imported: key.imported,
      software: software && { vendor: software.vendor, product: software.product },
      // One version for every platform with a fix: that one. Several: none is "the" target.
      targetVersion: bestFixed === NONE || targetVersions.size > 1 ? null : s.strings[bestFixed]!,
      targets,
      weaknesses: weaknesses.map((w) => w.id).sort(),
      exposedDevices: exposed,
      devices: deviceIds,
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
  /** The platform's number (see platformsOf). */
  key: number;
  os: string | undefined;
  split: { family: string; osVersion: string | null } | null;
  /** The fixed version compared last (a string index), or NONE. */
  last: number;
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

/** Numbers the distinct OS names of the devices of a set (undefined is a platform too). */
function platformsOf(
  devices: readonly Device[],
  deviceSet: Int32Array,
): { platformOf: Int32Array; platformNames: Array<string | undefined> } {
  const platformOf = new Int32Array(devices.length);
  const platformNames: Array<string | undefined> = [];
  const known = new Map<string | undefined, number>();
  for (const d of deviceSet) {
    const os = devices[d]!.os;
    let k = known.get(os);
    if (k === undefined) {
      k = platformNames.length;
      known.set(os, k);
      platformNames.push(os);
    }
    platformOf[d] = k;
  }
  return { platformOf, platformNames };
}

/** Most devices first; ties by the platform's name, devices without an OS last. */
function platformTargets(
  platforms: readonly PlatformFix[],
  strings: readonly string[],
): RecommendationTarget[] {
  return platforms
    .map((p): RecommendationTarget => {
      const split = p.split;
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
