import type { SoftwareInput } from '@exposure/score';
import { makeCalendar, type Calendar } from './calendar.js';
import { makeFleet, type DemoDevice } from './fleet.js';
import { installedVersions, type InstalledVersions } from './installed.js';
import { Random } from './random.js';
import { makeSchedules, type ReleaseSchedule } from './releases.js';
import { PRODUCTS } from './software.js';
import { makeCatalogue, type Catalogue } from './weaknesses.js';

export interface DemoOptions {
  seed?: number;
  devices?: number;
  days?: number;
  /** ISO time of the last snapshot. */
  end?: string;
  organization?: string;
}

export const DEMO_DEFAULTS = {
  seed: 2026,
  devices: 500,
  days: 90,
  end: '2026-11-01T06:00:00Z',
  organization: 'Contoso',
} as const;

/** An alert raised on one device for a few days, tied to its most threatening open weakness. */
export interface AlertEvent {
  device: number;
  startDay: number;
  endDay: number;
}

/** Everything the daily snapshots are derived from; built once per history. */
export interface World {
  seed: number;
  organization: string;
  calendar: Calendar;
  fleet: DemoDevice[];
  schedules: Map<string, ReleaseSchedule>;
  catalogue: Catalogue;
  installed: InstalledVersions[];
  alerts: AlertEvent[];
  /** Each product's software description by version index, made once and shared by findings. */
  software: Map<string, SoftwareInput[]>;
}

/** Day of the scenario's KEV listing: about two thirds into the history. */
export function spikeDay(days: number): number | null {
  return days >= 40 ? Math.round(0.61 * (days - 1)) : null;
}

function alertEvents(rng: Random, fleet: readonly DemoDevice[], days: number): AlertEvent[] {
  const candidates = fleet.filter(
    (d) => d.value === 'normal' && d.joinDay === 0 && d.stopDay === null,
  );
  const events: AlertEvent[] = [];
  const count = Math.max(1, Math.round(fleet.length / 100));
  for (let i = 0; i < count && candidates.length > 0 && days > 4; i++) {
    const startDay = rng.int(2, days - 3);
    events.push({ device: rng.pick(candidates).index, startDay, endDay: startDay + rng.int(2, 6) });
  }
  return events;
}

export function makeWorld(options: DemoOptions = {}): World {
  const seed = (options.seed ?? DEMO_DEFAULTS.seed) >>> 0;
  const devices = options.devices ?? DEMO_DEFAULTS.devices;
  const days = options.days ?? DEMO_DEFAULTS.days;
  const organization = options.organization ?? DEMO_DEFAULTS.organization;
  if (!Number.isInteger(devices) || devices < 1)
    throw new RangeError(`devices must be a positive integer, not ${devices}`);
  const calendar = makeCalendar(options.end ?? DEMO_DEFAULTS.end, days);
  const rng = new Random(seed);
  const schedules = makeSchedules(rng.fork(1), days - 1);
  const catalogue = makeCatalogue(rng.fork(2), { calendar, schedules, kevDay: spikeDay(days) });
  const fleet = makeFleet(rng.fork(3), devices, days, organization);
  const installed = installedVersions(fleet, schedules, catalogue, days, seed);
  const alerts = alertEvents(rng.fork(4), fleet, days);
  const software = new Map<string, SoftwareInput[]>();
  for (const [key, { family, spec }] of PRODUCTS) {
    const releases = schedules.get(family.key)!.days.length;
    software.set(
      key,
      Array.from({ length: releases }, (_, i) => ({
        vendor: spec.vendor,
        product: spec.product,
        version: spec.version(i),
      })),
    );
  }
  return { seed, organization, calendar, fleet, schedules, catalogue, installed, alerts, software };
}
