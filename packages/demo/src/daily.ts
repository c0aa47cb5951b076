import type { DeviceInput, FindingInput, FindingStatus, WeaknessInput } from '@exposure/score';
import { isoTime } from './calendar.js';
import type { DemoWeakness } from './catalogue-types.js';
import type { DemoDevice } from './fleet.js';
import { NATIVE_SCHEMA, type NativeSnapshotFile } from './native.js';
import { stringHash, unit } from './random.js';
import { weaknessOn } from './threat.js';
import type { World } from './world.js';

/** Findings a scanner keeps reporting as fixed for this many days after the update. */
const FIXED_REPORT_DAYS = 3;

function affected(
  w: DemoWeakness,
  introduced: number,
  fixed: number | null,
  version: number,
  day: number,
): boolean {
  return w.publishedDay <= day && introduced <= version && (fixed === null || version < fixed);
}

/** The vulnerabilities open on a device on a day, through each installed product. */
export function openVulnerabilities(world: World, device: DemoDevice, day: number): DemoWeakness[] {
  const open: DemoWeakness[] = [];
  for (const [product, versions] of world.installed[device.index]!) {
    const index = world.catalogue.byProduct.get(product);
    if (!index) continue;
    const v = versions[day]!;
    for (let i = index.firstOpenAt(v); i < index.entries.length; i++) {
      const { weakness, affect } = index.entries[i]!;
      if (affected(weakness, affect.introduced, affect.fixed, v, day)) open.push(weakness);
    }
  }
  return open;
}

function threatRank(w: DemoWeakness, day: number): number {
  const input = weaknessOn(w, day);
  const score = Array.isArray(input.cvss) ? (input.cvss[0]?.score ?? 0) : (input.cvss?.score ?? 0);
  return (
    (input.kev ? 300 : input.exploit === 'weaponized' ? 200 : input.exploit === 'poc' ? 100 : 0) +
    score
  );
}

/** Weakness id of each alert active on the day, by device index. */
function activeAlerts(world: World, day: number): Map<number, string> {
  const alerts = new Map<number, string>();
  for (const event of world.alerts) {
    const device = world.fleet[event.device]!;
    if (day < event.startDay || day >= event.endDay || device.joinDay > day) continue;
    const open = openVulnerabilities(world, device, event.startDay);
    let best: DemoWeakness | undefined;
    for (const w of open)
      if (!best || threatRank(w, event.startDay) > threatRank(best, event.startDay)) best = w;
    // The alert lasts only while the weakness is still open on the device.
    if (best && openVulnerabilities(world, device, day).includes(best))
      alerts.set(device.index, best.id);
  }
  return alerts;
}

function deviceInput(world: World, device: DemoDevice, day: number): DeviceInput {
  const reported = Math.min(day, device.stopDay ?? day);
  const hours =
    0.2 + unit(world.seed, device.index, reported, 3) * (device.tags.includes('laptop') ? 20 : 6);
  return {
    id: device.id,
    name: device.name,
    os: device.os,
    group: device.group,
    value: device.value,
    tags: [...device.tags],
    owner: device.owner,
    lastSeen: isoTime(world.calendar, reported - hours / 24),
  };
}

function deviceFindings(
  world: World,
  device: DemoDevice,
  day: number,
  alert: string | undefined,
  used: Set<DemoWeakness>,
  out: FindingInput[],
): void {
  // A silent device keeps the findings of its last report.
  const t = Math.min(day, device.stopDay ?? day);
  for (const [product, versions] of world.installed[device.index]!) {
    const v = versions[t]!;
    const before = versions[Math.max(0, t - FIXED_REPORT_DAYS)]!;
    const index = world.catalogue.byProduct.get(product);
    if (!index) continue;
    const releases = world.software.get(product)!;
    const software = releases[v]!;
    // Entries fixed at or below `before` were closed long enough ago to be forgotten.
    for (let i = index.firstOpenAt(before); i < index.entries.length; i++) {
      const { weakness: w, affect } = index.entries[i]!;
      let status: FindingStatus;
      if (affected(w, affect.introduced, affect.fixed, v, t)) {
        const exception =
          w.exceptionRate > 0 && unit(world.seed, device.index, stringHash(w.id)) < w.exceptionRate;
        status = exception ? 'exception' : 'open';
      } else if (before < v && affected(w, affect.introduced, affect.fixed, before, t)) {
        status = 'fixed';
      } else {
        continue;
      }
      used.add(w);
      const finding: FindingInput = { device: device.id, weakness: w.id, software };
      if (affect.fixed !== null) finding.fixedVersion = releases[affect.fixed]!.version;
      finding.status = status;
      finding.activeAlert = status === 'open' && alert === w.id;
      out.push(finding);
    }
  }
  world.catalogue.configurations.forEach((config, i) => {
    if (!config.platforms.includes(device.platform)) return;
    if (unit(world.seed, device.index, i, 11) >= config.prevalence) return;
    // Some misconfigurations are put right during the history, a few appear in it.
    const u = unit(world.seed, device.index, i, 12);
    const from =
      u < 0.8 ? Number.NEGATIVE_INFINITY : Math.floor(((u - 0.8) / 0.2) * world.calendar.days);
    const v = unit(world.seed, device.index, i, 13);
    const until = v < 0.4 ? Math.floor((v / 0.4) * world.calendar.days) : Number.POSITIVE_INFINITY;
    if (t < from || t >= until) return;
    used.add(config.weakness);
    out.push({
      device: device.id,
      weakness: config.weakness.id,
      status: 'open',
      activeAlert: false,
    });
  });
}

/** The native snapshot of one day of the history. */
export function snapshotOn(world: World, day: number): NativeSnapshotFile {
  const alerts = activeAlerts(world, day);
  const devices: DeviceInput[] = [];
  const findings: FindingInput[] = [];
  const used = new Set<DemoWeakness>();
  for (const device of world.fleet) {
    if (device.joinDay > day) continue;
    devices.push(deviceInput(world, device, day));
    deviceFindings(world, device, day, alerts.get(device.index), used, findings);
  }
  const weaknesses: WeaknessInput[] = [];
  for (const w of world.catalogue.vulnerabilities)
    if (used.has(w)) weaknesses.push(weaknessOn(w, day));
  for (const c of world.catalogue.configurations)
    if (used.has(c.weakness)) weaknesses.push(weaknessOn(c.weakness, day));
  return {
    schema: NATIVE_SCHEMA,
    takenAt: isoTime(world.calendar, day),
    organization: world.organization,
    devices,
    weaknesses,
    findings,
  };
}
