import type {
  DeviceInput,
  FindingInput,
  FindingStatus,
  SoftwareInput,
  WeaknessInput,
} from '@exposure/score';
import { isoTime, makeCalendar, type Calendar } from './calendar.js';
import type { DemoWeakness } from './catalogue-types.js';
import { makeFleet, type DemoDevice } from './fleet.js';
import { NATIVE_SCHEMA, type NativeSnapshotFile } from './native.js';
import { Random, hash } from './random.js';
import { makeSchedules } from './releases.js';
import { PRODUCTS } from './software.js';
import { weaknessOn } from './threat.js';
import { makeCatalogue, type Catalogue } from './weaknesses.js';
import { DEMO_DEFAULTS } from './world.js';

export interface LargeSnapshotOptions {
  devices: number;
  findingsPerDevice: number;
  seed?: number;
  /** ISO time of the snapshot (default: the demo history's end). */
  takenAt?: string;
}

/** The catalogue is drawn as for a 90-day history ending at the snapshot's time. */
const CATALOGUE_DAYS = 90;
/** Devices per chunk of streamed JSON text. */
const CHUNK_DEVICES = 250;
const STATUS_MIX = [
  ['open', 95],
  ['fixed', 3],
  ['exception', 2],
] as const;

interface Candidate {
  weakness: DemoWeakness;
  product: string | null;
  introduced: number;
  fixed: number | null;
}

interface Context {
  seed: number;
  organization: string;
  takenAt: string;
  calendar: Calendar;
  fleet: DemoDevice[];
  catalogue: Catalogue;
  weaknesses: WeaknessInput[];
  perDevice: number;
  everything: Candidate[];
  /** Software descriptions by product and version index, shared by the findings. */
  software: Map<string, SoftwareInput[]>;
}

function context(options: LargeSnapshotOptions): Context {
  const seed = (options.seed ?? DEMO_DEFAULTS.seed) >>> 0;
  const { devices, findingsPerDevice } = options;
  if (!Number.isInteger(devices) || devices < 1)
    throw new RangeError(`devices must be a positive integer, not ${devices}`);
  if (!Number.isInteger(findingsPerDevice) || findingsPerDevice < 0) {
    throw new RangeError(
      `findingsPerDevice must be a non-negative integer, not ${findingsPerDevice}`,
    );
  }
  const takenAt = options.takenAt ?? DEMO_DEFAULTS.end;
  const calendar = makeCalendar(takenAt, CATALOGUE_DAYS);
  const rng = new Random(seed);
  const schedules = makeSchedules(rng.fork(1), CATALOGUE_DAYS - 1);
  const catalogue = makeCatalogue(rng.fork(2), { calendar, schedules, kevDay: null });
  const fleet = makeFleet(rng.fork(3), devices, 1, DEMO_DEFAULTS.organization);
  const lastDay = CATALOGUE_DAYS - 1;
  const all = [...catalogue.vulnerabilities, ...catalogue.configurations.map((c) => c.weakness)];
  const everything: Candidate[] = catalogue.vulnerabilities.map((weakness) => {
    const affect = weakness.affects[0]!;
    return {
      weakness,
      product: affect.product,
      introduced: affect.introduced,
      fixed: affect.fixed,
    };
  });
  for (const c of catalogue.configurations)
    everything.push({ weakness: c.weakness, product: null, introduced: 0, fixed: null });
  return {
    seed,
    organization: DEMO_DEFAULTS.organization,
    takenAt,
    calendar,
    fleet,
    catalogue,
    weaknesses: all.map((w) => weaknessOn(w, lastDay)),
    perDevice: findingsPerDevice,
    everything,
    software: new Map(),
  };
}

function deviceInput(ctx: Context, device: DemoDevice, rng: Random): DeviceInput {
  return {
    id: device.id,
    name: device.name,
    os: device.os,
    group: device.group,
    value: device.value,
    tags: device.tags,
    owner: device.owner,
    lastSeen: isoTime(ctx.calendar, CATALOGUE_DAYS - 1 - rng.range(0.01, 2)),
  };
}

/** The weaknesses a device can have: through its software first, then anything, to fill up. */
function candidates(ctx: Context, device: DemoDevice, rng: Random): Candidate[] {
  const pool: Candidate[] = [];
  const seen = new Set<DemoWeakness>();
  for (const product of device.products) {
    for (const { weakness, affect } of ctx.catalogue.byProduct.get(product)?.entries ?? []) {
      if (seen.has(weakness)) continue;
      seen.add(weakness);
      pool.push({ weakness, product, introduced: affect.introduced, fixed: affect.fixed });
    }
  }
  for (const c of ctx.catalogue.configurations) {
    if (c.platforms.includes(device.platform))
      pool.push({ weakness: c.weakness, product: null, introduced: 0, fixed: null });
  }
  const start = rng.int(0, ctx.everything.length - 1);
  for (let i = 0; pool.length < ctx.perDevice && i < ctx.everything.length; i++) {
    const c = ctx.everything[(start + i) % ctx.everything.length]!;
    if (!seen.has(c.weakness) && c.product !== null) {
      seen.add(c.weakness);
      pool.push(c);
    }
  }
  return pool;
}

function softwareOf(ctx: Context, product: string, index: number): SoftwareInput {
  let list = ctx.software.get(product);
  if (!list) ctx.software.set(product, (list = []));
  let software = list[index];
  if (!software) {
    const spec = PRODUCTS.get(product)!.spec;
    software = list[index] = {
      vendor: spec.vendor,
      product: spec.product,
      version: spec.version(index),
    };
  }
  return software;
}

function findingOf(ctx: Context, device: DemoDevice, c: Candidate, rng: Random): FindingInput {
  const status: FindingStatus = rng.weighted(STATUS_MIX);
  const alert = status === 'open' && rng.chance(0.001);
  const finding: FindingInput = { device: device.id, weakness: c.weakness.id };
  if (c.product !== null) {
    const version =
      c.fixed === null ? rng.int(1, 6) : Math.max(c.introduced, c.fixed - 1 - rng.int(0, 2));
    finding.software = softwareOf(ctx, c.product, version);
    if (c.fixed !== null) finding.fixedVersion = softwareOf(ctx, c.product, c.fixed).version!;
  }
  finding.status = status;
  finding.activeAlert = alert;
  return finding;
}

/** A device of the snapshot, and its findings: `perDevice` distinct weaknesses (fewer only if the catalogue is smaller). */
function generateDevice(
  ctx: Context,
  device: DemoDevice,
  withFindings: boolean,
): { device: DeviceInput; findings: FindingInput[] } {
  const rng = new Random(hash(ctx.seed, device.index, 0x1a29e));
  const input = deviceInput(ctx, device, rng);
  const findings: FindingInput[] = [];
  if (!withFindings) return { device: input, findings };
  const pool = candidates(ctx, device, rng);
  const n = Math.min(ctx.perDevice, pool.length);
  for (let i = 0; i < n; i++) {
    // Partial Fisher–Yates: the first n entries become a random sample without repeats.
    const j = rng.int(i, pool.length - 1);
    const picked = pool[j]!;
    pool[j] = pool[i]!;
    pool[i] = picked;
    findings.push(findingOf(ctx, device, picked, rng));
  }
  return { device: input, findings };
}

/** One large snapshot for benchmarks: `devices` × `findingsPerDevice` findings, held in memory. */
export function generateLargeSnapshot(options: LargeSnapshotOptions): NativeSnapshotFile {
  const ctx = context(options);
  const devices: DeviceInput[] = [];
  const findings: FindingInput[] = [];
  for (const device of ctx.fleet) {
    const result = generateDevice(ctx, device, true);
    devices.push(result.device);
    for (const f of result.findings) findings.push(f);
  }
  return {
    schema: NATIVE_SCHEMA,
    takenAt: ctx.takenAt,
    organization: ctx.organization,
    devices,
    weaknesses: ctx.weaknesses,
    findings,
  };
}

function body(items: readonly unknown[]): string {
  return JSON.stringify(items).slice(1, -1);
}

/**
 * The same snapshot as `generateLargeSnapshot`, as JSON text in chunks of a few hundred devices,
 * so that a million findings can be written to a file without holding them all in memory.
 */
export function* writeLargeSnapshotChunks(
  options: LargeSnapshotOptions,
): Generator<string, void, undefined> {
  const ctx = context(options);
  yield (
    `{"schema":${JSON.stringify(NATIVE_SCHEMA)},"takenAt":${JSON.stringify(ctx.takenAt)},` +
    `"organization":${JSON.stringify(ctx.organization)},"devices":[`
  );
  for (let i = 0; i < ctx.fleet.length; i += CHUNK_DEVICES) {
    const batch = ctx.fleet
      .slice(i, i + CHUNK_DEVICES)
      .map((d) => generateDevice(ctx, d, false).device);
    yield (i > 0 ? ',' : '') + body(batch);
  }
  yield `],"weaknesses":[${body(ctx.weaknesses)}],"findings":[`;
  let first = true;
  for (let i = 0; i < ctx.fleet.length; i += CHUNK_DEVICES) {
    const batch = ctx.fleet
      .slice(i, i + CHUNK_DEVICES)
      .flatMap((d) => generateDevice(ctx, d, true).findings);
    if (batch.length === 0) continue;
    yield (first ? '' : ',') + body(batch);
    first = false;
  }
  yield ']}';
}
