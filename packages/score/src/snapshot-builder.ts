import { severityOf } from './cvss.js';
import { likelihoodOf } from './likelihood.js';
import { MS_PER_DAY, SCOPE_DAYS } from './model.js';
import {
  NONE,
  STATUS_CODES,
  type Device,
  type FindingTable,
  type Snapshot,
  type Software,
  type Weakness,
} from './snapshot.js';
import type {
  Cvss,
  DeviceInput,
  ExploitMaturity,
  FindingInput,
  ImportedRecommendation,
  WeaknessInput,
} from './types.js';

const EXPLOIT_RANK: Record<ExploitMaturity, number> = { none: 0, poc: 1, weaponized: 2 };

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

class Interner<T> {
  readonly items: T[] = [];
  private readonly index = new Map<string, number>();
  get(key: string): number | undefined {
    return this.index.get(key);
  }
  add(key: string, item: T): number {
    const i = this.items.length;
    this.items.push(item);
    this.index.set(key, i);
    return i;
  }
}

function grow<A extends Uint32Array | Int32Array | Uint8Array>(a: A, size: number): A {
  const next = new (a.constructor as new (n: number) => A)(size);
  next.set(a);
  return next;
}

function isSet<T>(v: T | undefined | null | ''): v is T {
  return v !== undefined && v !== null && v !== '';
}

/**
 * Collects devices, weaknesses and findings from any number of importers and builds a Snapshot.
 * Ids are interned; findings are kept in typed arrays, so that 10 million findings fit in memory.
 * Adding the same device or weakness twice merges them: the first value of a field wins and later
 * ones fill gaps, except threat evidence, where the strongest wins (KEV, exploit, EPSS).
 */
export class SnapshotBuilder {
  takenAt: string | undefined;
  organization: string | undefined;

  private readonly devices = new Interner<DeviceInput>();
  private readonly weaknesses = new Interner<WeaknessInput>();
  private readonly software = new Interner<{ vendor: string; product: string }>();
  private readonly softwareBySpelling = new Map<string, Map<string, number>>();
  private readonly strings = new Interner<string>();
  private readonly recommendations = new Interner<ImportedRecommendation>();
  /** Ids whose title came from the platform's own recommendation list, not from a finding. */
  private readonly listedRecommendations = new Set<string>();
  private lastDeviceId: string | undefined;
  private lastDevice = 0;
  private capacity = 1024;
  private count = 0;
  private fDevice = new Uint32Array(this.capacity);
  private fWeakness = new Uint32Array(this.capacity);
  private fSoftware = new Int32Array(this.capacity);
  private fVersion = new Int32Array(this.capacity);
  private fFixed = new Int32Array(this.capacity);
  private fStatus = new Uint8Array(this.capacity);
  private fAlert = new Uint8Array(this.capacity);
  private fRecommendation = new Int32Array(this.capacity);

  constructor(init: { takenAt?: string; organization?: string } = {}) {
    this.takenAt = init.takenAt;
    this.organization = init.organization;
  }

  get findingCount(): number {
    return this.count;
  }

  addDevice(input: DeviceInput): number {
    const i = this.devices.get(input.id);
    if (i === undefined)
      return this.devices.add(input.id, { ...input, tags: input.tags && [...input.tags] });
    const d = this.devices.items[i]!;
    for (const key of ['name', 'os', 'group', 'value', 'owner', 'lastSeen'] as const) {
      if (!isSet(d[key]) && isSet(input[key]))
        (d as unknown as Record<string, unknown>)[key] = input[key];
    }
    if (input.tags?.length) d.tags = [...new Set([...(d.tags ?? []), ...input.tags])];
    return i;
  }

  /** Overrides fields of a device (an asset inventory is authoritative); creates it if needed. */
  updateDevice(id: string, patch: Partial<Omit<DeviceInput, 'id'>>): void {
    const d = this.devices.items[this.addDevice({ id })]!;
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (d as unknown as Record<string, unknown>)[key] = value;
    }
  }

  device(id: string): Readonly<DeviceInput> | undefined {
    const i = this.devices.get(id);
    return i === undefined ? undefined : this.devices.items[i];
  }

  deviceIds(): string[] {
    return this.devices.items.map((d) => d.id);
  }

  addWeakness(input: WeaknessInput): number {
    const i = this.weaknesses.get(input.id);
    if (i === undefined) {
      return this.weaknesses.add(input.id, {
        ...input,
        cvss:
          input.cvss === undefined
            ? []
            : Array.isArray(input.cvss)
              ? [...input.cvss]
              : [input.cvss],
      });
    }
    const w = this.weaknesses.items[i]!;
    for (const key of ['kind', 'title', 'description', 'severity', 'published'] as const) {
      if (!isSet(w[key]) && isSet(input[key]))
        (w as unknown as Record<string, unknown>)[key] = input[key];
    }
    const cvss = w.cvss as Cvss[];
    for (const c of input.cvss === undefined
      ? []
      : Array.isArray(input.cvss)
        ? input.cvss
        : [input.cvss]) {
      if (!cvss.some((x) => x.version === c.version)) cvss.push(c);
    }
    if (input.kev) w.kev = true;
    if (input.exploit && EXPLOIT_RANK[input.exploit] > EXPLOIT_RANK[w.exploit ?? 'none']) {
      w.exploit = input.exploit;
    }
    if (input.epss !== undefined && (w.epss === undefined || input.epss > w.epss))
      w.epss = input.epss;
    if (input.references?.length)
      w.references = [...new Set([...(w.references ?? []), ...input.references])];
    return i;
  }

  /** Overrides fields of a known weakness (threat feeds are authoritative); false if unknown. */
  updateWeakness(id: string, patch: Partial<Omit<WeaknessInput, 'id'>>): boolean {
    const i = this.weaknesses.get(id);
    if (i === undefined) return false;
    const w = this.weaknesses.items[i]!;
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (w as unknown as Record<string, unknown>)[key] = value;
    }
    return true;
  }

  hasWeakness(id: string): boolean {
    return this.weaknesses.get(id) !== undefined;
  }

  weaknessIds(): string[] {
    return this.weaknesses.items.map((w) => w.id);
  }

  /** Adds a finding; its weakness must have been added first. */
  addFinding(f: FindingInput): void {
    const weakness = this.weaknesses.get(f.weakness);
    if (weakness === undefined) {
      throw new SnapshotError(
        `finding on device "${f.device}" names unknown weakness "${f.weakness}"`,
      );
    }
    // Findings usually come device by device: skip the lookup when the device repeats.
    const device =
      f.device === this.lastDeviceId
        ? this.lastDevice
        : (this.devices.get(f.device) ?? this.addDevice({ id: f.device }));
    this.lastDeviceId = f.device;
    this.lastDevice = device;
    if (this.count === this.capacity) this.grow();
    const n = this.count++;
    this.fDevice[n] = device;
    this.fWeakness[n] = weakness;
    this.fSoftware[n] = f.software
      ? this.internSoftware(f.software.vendor ?? '', f.software.product)
      : NONE;
    this.fVersion[n] = isSet(f.software?.version) ? this.internString(f.software.version) : NONE;
    this.fFixed[n] = isSet(f.fixedVersion) ? this.internString(f.fixedVersion) : NONE;
    this.fStatus[n] = STATUS_CODES.indexOf(f.status ?? 'open');
    this.fAlert[n] = f.activeAlert ? 1 : 0;
    this.fRecommendation[n] = f.recommendation
      ? (this.recommendations.get(f.recommendation.id) ??
        this.recommendations.add(f.recommendation.id, { ...f.recommendation }))
      : NONE;
  }

  /**
   * Registers a recommendation from the platform's own list (Defender's `/api/recommendations`).
   * Its title is authoritative: it replaces a title derived from findings, whichever came first.
   */
  addRecommendation(r: ImportedRecommendation): void {
    const known = this.recommendations.get(r.id);
    if (known === undefined) this.recommendations.add(r.id, { ...r });
    else if (!this.listedRecommendations.has(r.id))
      this.recommendations.items[known]!.title = r.title;
    this.listedRecommendations.add(r.id);
  }

  /** Adds everything another builder collected (same time, other files). */
  merge(other: SnapshotBuilder): this {
    this.takenAt ??= other.takenAt;
    this.organization ??= other.organization;
    for (const r of other.recommendations.items)
      if (other.listedRecommendations.has(r.id)) this.addRecommendation(r);
    for (const d of other.devices.items) this.addDevice(d);
    for (const w of other.weaknesses.items) this.addWeakness(w);
    const o = other;
    for (let n = 0; n < o.count; n++) {
      const sw = o.fSoftware[n]!;
      const version = o.fVersion[n]!;
      const fixed = o.fFixed[n]!;
      const rec = o.fRecommendation[n]!;
      const software = sw === NONE ? undefined : o.software.items[sw]!;
      this.addFinding({
        device: o.devices.items[o.fDevice[n]!]!.id,
        weakness: o.weaknesses.items[o.fWeakness[n]!]!.id,
        ...(software && {
          software: {
            vendor: software.vendor,
            product: software.product,
            ...(version !== NONE && { version: o.strings.items[version]! }),
          },
        }),
        ...(fixed !== NONE && { fixedVersion: o.strings.items[fixed]! }),
        status: STATUS_CODES[o.fStatus[n]!],
        activeAlert: o.fAlert[n] === 1,
        ...(rec !== NONE && { recommendation: o.recommendations.items[rec]! }),
      });
    }
    return this;
  }

  build(): Snapshot {
    if (!this.takenAt) throw new SnapshotError('the snapshot has no time (takenAt)');
    const time = Date.parse(this.takenAt);
    if (Number.isNaN(time))
      throw new SnapshotError(`takenAt "${this.takenAt}" is not a valid time`);
    const devices: Device[] = this.devices.items.map((d, index) => {
      const seen = d.lastSeen ? Date.parse(d.lastSeen) : NaN;
      return {
        index,
        id: d.id,
        name: d.name ?? d.id,
        ...(isSet(d.os) && { os: d.os }),
        ...(isSet(d.group) && { group: d.group }),
        value: d.value ?? 'normal',
        tags: d.tags ?? [],
        ...(isSet(d.owner) && { owner: d.owner }),
        ...(isSet(d.lastSeen) && { lastSeen: d.lastSeen }),
        inScope: Number.isNaN(seen) || time - seen <= SCOPE_DAYS * MS_PER_DAY,
      };
    });
    const weaknesses: Weakness[] = this.weaknesses.items.map((w, index) => {
      const cvss = (w.cvss ?? []) as Cvss[];
      const sev = severityOf(cvss, w.severity);
      const exploit = w.exploit ?? 'none';
      const kev = w.kev ?? false;
      return {
        index,
        id: w.id,
        kind: w.kind ?? 'vulnerability',
        ...(isSet(w.title) && { title: w.title }),
        ...(isSet(w.description) && { description: w.description }),
        ...(w.severity && { label: w.severity }),
        cvss,
        ...(isSet(w.published) && { published: w.published }),
        kev,
        exploit,
        ...(w.epss !== undefined && { epss: w.epss }),
        references: w.references ?? [],
        severity: sev.value,
        severitySource: sev.source,
        ...(sev.cvss && { cvssUsed: sev.cvss }),
        likelihood: likelihoodOf({ kev, exploit, epss: w.epss }),
      };
    });
    const software: Software[] = this.software.items.map((s, index) => ({ index, ...s }));
    const n = this.count;
    const findings: FindingTable = {
      count: n,
      device: this.fDevice.slice(0, n),
      weakness: this.fWeakness.slice(0, n),
      software: this.fSoftware.slice(0, n),
      version: this.fVersion.slice(0, n),
      fixedVersion: this.fFixed.slice(0, n),
      status: this.fStatus.slice(0, n),
      activeAlert: this.fAlert.slice(0, n),
      recommendation: this.fRecommendation.slice(0, n),
    };
    return {
      takenAt: new Date(time).toISOString(),
      time,
      ...(isSet(this.organization) && { organization: this.organization }),
      devices,
      weaknesses,
      software,
      importedRecommendations: this.recommendations.items.map((r) => ({ ...r })),
      strings: [...this.strings.items],
      findings,
    };
  }

  private internSoftware(vendor: string, product: string): number {
    // A million findings name a few hundred software spellings: look the exact spelling up first,
    // without building a key string or lower-casing.
    let products = this.softwareBySpelling.get(vendor);
    if (products === undefined) this.softwareBySpelling.set(vendor, (products = new Map()));
    const seen = products.get(product);
    if (seen !== undefined) return seen;
    const index = this.internSoftwareKey(vendor, product);
    products.set(product, index);
    return index;
  }

  private internSoftwareKey(vendor: string, product: string): number {
    // Vendors and products that differ only in case are the same software.
    const key = `${vendor.toLowerCase()}\u0000${product.toLowerCase()}`;
    const known = this.software.get(key);
    if (known === undefined) return this.software.add(key, { vendor, product });
    // Show one spelling whatever order the findings came in: the smallest.
    const s = this.software.items[known]!;
    if (`${vendor}\u0000${product}` < `${s.vendor}\u0000${s.product}`)
      this.software.items[known] = { vendor, product };
    return known;
  }

  private internString(s: string): number {
    return this.strings.get(s) ?? this.strings.add(s, s);
  }

  private grow(): void {
    this.capacity *= 2;
    this.fDevice = grow(this.fDevice, this.capacity);
    this.fWeakness = grow(this.fWeakness, this.capacity);
    this.fSoftware = grow(this.fSoftware, this.capacity);
    this.fVersion = grow(this.fVersion, this.capacity);
    this.fFixed = grow(this.fFixed, this.capacity);
    this.fStatus = grow(this.fStatus, this.capacity);
    this.fAlert = grow(this.fAlert, this.capacity);
    this.fRecommendation = grow(this.fRecommendation, this.capacity);
  }
}
