import { severityOf } from './cvss.js';
import { likelihoodOf } from './likelihood.js';
import type { FindingColumns } from './state-record.js';
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

/** Findings in columns with the tables their indexes point into: a built Snapshot is one. */
export interface FindingSource {
  findings: FindingColumns & { count: number };
  devices: ReadonlyArray<{ id: string }>;
  weaknesses: ReadonlyArray<{ id: string }>;
  software: ReadonlyArray<{ vendor: string; product: string }>;
  strings: readonly string[];
  importedRecommendations: readonly ImportedRecommendation[];
}

/** A source's table indexes as this builder's, filled as they are first met (UNMAPPED before). */
interface Translation {
  device: Int32Array;
  weakness: Int32Array;
  software: Int32Array;
  strings: Int32Array;
  recommendation: Int32Array;
}
const UNMAPPED = -2;

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
  private readonly translations = new WeakMap<FindingSource, Translation>();
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
   * Adds findings of another table as they are (rows `order[from..to)`, or all of them), without
   * a finding object each: a daily run carries hundreds of thousands of unchanged findings from
   * the previous state, and building an object per finding was most of the cost of carrying them.
   * The result is the same as `addFinding` of each row. Their weaknesses must have been added.
   */
  addFindingsFrom(
    source: FindingSource,
    rows?: { order: ArrayLike<number>; from: number; to: number },
  ): void {
    let t = this.translations.get(source);
    if (!t) {
      const unmapped = (n: number) => new Int32Array(n).fill(UNMAPPED);
      t = {
        device: unmapped(source.devices.length),
        weakness: unmapped(source.weaknesses.length),
        software: unmapped(source.software.length),
        strings: unmapped(source.strings.length),
        recommendation: unmapped(source.importedRecommendations.length),
      };
      this.translations.set(source, t);
    }
    const f = source.findings;
    const from = rows ? rows.from : 0;
    const to = rows ? rows.to : f.count;
    const table = (what: string, i: number, size: number): void => {
      if (!(i >= 0 && i < size)) throw new SnapshotError(`a finding names ${what} ${i}`);
    };
    for (let i = from; i < to; i++) {
      const n = rows ? rows.order[i]! : i;
      const sd = f.device[n]!;
      let device = t.device[sd];
      if (device === undefined || device === UNMAPPED) {
        table('device', sd, source.devices.length);
        const id = source.devices[sd]!.id;
        device = t.device[sd] = this.devices.get(id) ?? this.addDevice({ id });
      }
      const sw = f.weakness[n]!;
      let weakness = t.weakness[sw];
      if (weakness === undefined || weakness === UNMAPPED) {
        table('weakness', sw, source.weaknesses.length);
        const id = source.weaknesses[sw]!.id;
        const known = this.weaknesses.get(id);
        if (known === undefined)
          throw new SnapshotError(
            `finding on device "${source.devices[sd]!.id}" names unknown weakness "${id}"`,
          );
        weakness = t.weakness[sw] = known;
      }
      const ss = f.software[n]!;
      let software: number = NONE;
      if (ss !== NONE) {
        software = t.software[ss]!;
        if (software === undefined || software === UNMAPPED) {
          table('software', ss, source.software.length);
          const x = source.software[ss]!;
          software = t.software[ss] = this.internSoftware(x.vendor, x.product);
        }
      }
      const version = f.version[n]!;
      const fixed = f.fixedVersion[n]!;
      const rec = f.recommendation[n]!;
      const status = f.status[n]!;
      if (!(status >= 0 && status < STATUS_CODES.length)) table('status', status, 0);
      if (this.count === this.capacity) this.grow();
      const m = this.count++;
      this.fDevice[m] = device;
      this.fWeakness[m] = weakness;
      // A version belongs to its software: addFinding drops one without software.
      this.fSoftware[m] = software;
      this.fVersion[m] = software === NONE ? NONE : this.stringOf(source, t, version);
      this.fFixed[m] = this.stringOf(source, t, fixed);
      this.fStatus[m] = status;
      this.fAlert[m] = f.activeAlert[n] === 1 ? 1 : 0;
      if (rec === NONE) this.fRecommendation[m] = NONE;
      else {
        let r = t.recommendation[rec];
        if (r === undefined || r === UNMAPPED) {
          table('recommendation', rec, source.importedRecommendations.length);
          const x = source.importedRecommendations[rec]!;
          r = t.recommendation[rec] =
            this.recommendations.get(x.id) ?? this.recommendations.add(x.id, { ...x });
        }
        this.fRecommendation[m] = r;
      }
    }
    this.lastDeviceId = undefined;
  }

  private stringOf(source: FindingSource, t: Translation, i: number): number {
    if (i === NONE) return NONE;
    let s = t.strings[i];
    if (s === undefined || s === UNMAPPED) {
      if (!(i >= 0 && i < source.strings.length))
        throw new SnapshotError(`a finding names string ${i}`);
      const value = source.strings[i]!;
      s = t.strings[i] = isSet(value) ? this.internString(value) : NONE;
    }
    return s;
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
    this.addFindingsFrom({
      findings: {
        count: other.count,
        device: other.fDevice,
        weakness: other.fWeakness,
        software: other.fSoftware,
        version: other.fVersion,
        fixedVersion: other.fFixed,
        status: other.fStatus,
        activeAlert: other.fAlert,
        recommendation: other.fRecommendation,
      },
      devices: other.devices.items,
      weaknesses: other.weaknesses.items,
      software: other.software.items,
      strings: other.strings.items,
      importedRecommendations: other.recommendations.items,
    });
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
