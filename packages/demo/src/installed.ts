import type { Discipline } from './fleet-data.js';
import type { DemoDevice } from './fleet.js';
import { hash, stringHash, unit } from './random.js';
import { latestIndex, type ReleaseSchedule } from './releases.js';
import { PRODUCTS, type PatchClass } from './software.js';
import type { Catalogue } from './weaknesses.js';

/** Installed version index of each product on one device, for every day of the history. */
export type InstalledVersions = Map<string, Int16Array>;

const FACTOR: Record<Exclude<Discipline, 'neglected'>, number> = {
  good: 0.6,
  normal: 1,
  poor: 2.5,
};

function exponential(u: number, mean: number): number {
  return -Math.log(1 - u) * mean;
}

/** Days between a release and its installation on a device. */
function lag(device: DemoDevice, patch: PatchClass, u: number, factor: number): number {
  switch (patch) {
    case 'browser':
      return 2 + exponential(u, 8) * factor;
    case 'os-client': {
      const [lo, hi] = device.ring === 0 ? [4, 10] : device.ring === 1 ? [18, 32] : [30, 55];
      return (lo + u * (hi - lo)) * factor;
    }
    case 'os-server': {
      const [lo, hi] = device.ring === 1 ? [20, 35] : [35, 60];
      return (lo + u * (hi - lo)) * factor;
    }
    case 'app':
      return 5 + exponential(u, 70) * factor;
    case 'server-app':
      return 10 + exponential(u, 60) * factor;
    case 'appliance':
      return 10 + exponential(u, 60) * factor;
  }
}

function series(
  device: DemoDevice,
  schedule: ReleaseSchedule,
  offset: number,
  days: number,
  salt: number,
): Int16Array {
  const versions = new Int16Array(days);
  if (device.discipline === 'neglected') {
    // Forgotten devices stay on whatever they had: half on the legacy build, half on a year-old one.
    const u = unit(salt, 1);
    versions.fill(u < 0.5 ? 0 : latestIndex(schedule, -150 - Math.floor(u * 350)));
    return versions;
  }
  const factor = FACTOR[device.discipline];
  // Mark each release on the day it is installed, then carry the highest so far forward.
  for (let k = 1; k < schedule.days.length; k++) {
    const adopt = Math.ceil(
      schedule.days[k]! + offset + lag(device, schedule.family.patch, unit(salt, k), factor),
    );
    if (adopt >= days) continue;
    const t = Math.max(0, adopt);
    if (versions[t]! < k) versions[t] = k;
  }
  for (let t = 1; t < days; t++)
    if (versions[t]! < versions[t - 1]!) versions[t] = versions[t - 1]!;
  return versions;
}

/**
 * What each device runs on each day: every release is installed after a lag that depends on the
 * kind of software and how well the device is looked after; when a weakness is listed in KEV
 * during the history, devices still exposed install its fix as an emergency within days.
 */
export function installedVersions(
  fleet: readonly DemoDevice[],
  schedules: Map<string, ReleaseSchedule>,
  catalogue: Catalogue,
  days: number,
  seed: number,
): InstalledVersions[] {
  const emergencies = catalogue.vulnerabilities.filter(
    (w) => w.kevDay !== null && w.kevDay > 0 && w.kevDay < days,
  );
  return fleet.map((device) => {
    const installed: InstalledVersions = new Map();
    for (const key of device.products) {
      const product = PRODUCTS.get(key);
      const schedule = product && schedules.get(product.family.key);
      if (!product || !schedule) throw new Error(`unknown product "${key}"`);
      installed.set(
        key,
        series(
          device,
          schedule,
          product.spec.offset,
          days,
          hash(seed, device.index, stringHash(key)),
        ),
      );
    }
    if (device.discipline === 'neglected') return installed;
    for (const w of emergencies) {
      const kevDay = w.kevDay!;
      for (const affect of w.affects) {
        const versions = installed.get(affect.product);
        if (!versions || affect.fixed === null || versions[kevDay]! >= affect.fixed) continue;
        const u = unit(seed, device.index, stringHash(w.id), 7);
        const day = Math.ceil(kevDay + 1 + exponential(u, device.discipline === 'poor' ? 8 : 3.5));
        for (let t = day; t < days; t++)
          if (versions[t]! < affect.fixed) versions[t] = affect.fixed;
      }
    }
    return installed;
  });
}
