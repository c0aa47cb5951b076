import { isoDate, yearOf, type Calendar } from './calendar.js';
import type { Affect, DemoConfiguration, DemoWeakness } from './catalogue-types.js';
import { demoConfigurations } from './configurations.js';
import {
  BUG_MIX,
  IMPACT_MIX,
  IMPACTS,
  bugImpact,
  severityFor,
  type Impact,
} from './cvss-templates.js';
import { famousWeaknesses } from './famous.js';
import { ProductIndex, type ProductWeakness } from './product-index.js';
import type { Random } from './random.js';
import type { ReleaseSchedule } from './releases.js';
import type { FamilySpec } from './software.js';

/** Releases older than this (days before day 0) fixed weaknesses nobody in the fleet still has. */
const CVE_LOOKBACK_DAYS = 180;
const LOCAL_BUG_FAMILIES = new Set(['kernel', 'glibc']);
const NO_FIX_FAMILIES = [
  'kernel',
  'openssl',
  '7zip',
  'jre',
  'fortios',
  'zoom',
  'iosxe',
  'acrobat',
] as const;

export interface Catalogue {
  vulnerabilities: DemoWeakness[];
  configurations: DemoConfiguration[];
  /** For each product, the vulnerabilities affecting it, with the affected version range. */
  byProduct: Map<string, ProductIndex>;
  /** The weakness whose KEV listing makes the history's spike (null in histories too short). */
  spike: DemoWeakness | null;
}

export interface CatalogueOptions {
  calendar: Calendar;
  schedules: Map<string, ReleaseSchedule>;
  /** Day of the spike's KEV listing, or null for none. */
  kevDay: number | null;
}

class CveIds {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Random) {}
  take(year: number): string {
    for (;;) {
      const id = `CVE-${year}-${this.rng.int(20000, 52999)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
  reserve(id: string): void {
    this.used.add(id);
  }
}

function logUniform(rng: Random, min: number, max: number): number {
  return Math.exp(rng.range(Math.log(min), Math.log(max)));
}

function sampleEpss(rng: Random, hot: boolean): number | null {
  if (!hot && rng.chance(0.04)) return null;
  if (hot) return logUniform(rng, 0.05, 0.9);
  const band = rng.weighted([
    ['low', 86],
    ['mid', 11],
    ['high', 3],
  ] as const);
  return band === 'low'
    ? logUniform(rng, 0.0004, 0.02)
    : band === 'mid'
      ? logUniform(rng, 0.02, 0.15)
      : logUniform(rng, 0.15, 0.6);
}

function titleAndImpact(rng: Random, family: FamilySpec): { title: string; impact: Impact } {
  const component = rng.pick(family.components);
  const subject = component ? `${family.label} ${component}` : family.label;
  if (family.titles === 'bug') {
    const bug = rng.weighted(BUG_MIX);
    return {
      title: `${subject} ${bug}`,
      impact: bugImpact(bug, LOCAL_BUG_FAMILIES.has(family.key)),
    };
  }
  const impact = rng.weighted(IMPACT_MIX);
  return { title: `${subject} ${impact.name}`, impact };
}

/** Which products of the family one of its vulnerabilities affects. */
function affectedProducts(rng: Random, family: FamilySpec): string[] {
  const keys = family.products.map((p) => p.key);
  if (family.key !== 'windows') return keys;
  const shape = rng.weighted([
    ['all', 60],
    ['clients', 20],
    ['servers', 20],
  ] as const);
  if (shape === 'clients') return keys.filter((k) => !k.startsWith('windows_server'));
  if (shape === 'servers') return keys.filter((k) => k.startsWith('windows_server'));
  return keys;
}

function generated(
  rng: Random,
  ids: CveIds,
  cal: Calendar,
  family: FamilySpec,
  publishedDay: number,
  affects: Affect[],
): DemoWeakness {
  const { title, impact } = titleAndImpact(rng, family);
  const r = rng.next();
  // KEV listings before the history only: the one listing inside it is the scenario's spike.
  const kev = publishedDay <= -30 && r < 0.045;
  const weaponized = kev || r < (family.key === 'windows' ? 0.05 : 0.09);
  const poc = weaponized || r < 0.26;
  const pocDay = poc ? publishedDay + rng.int(0, kev ? 5 : 40) : null;
  const kevDay = kev ? Math.min(0, publishedDay + rng.int(3, 25)) : null;
  const weaponizedDay = weaponized ? (kevDay ?? (pocDay ?? publishedDay) + rng.int(30, 60)) : null;
  return {
    id: ids.take(yearOf(cal, publishedDay)),
    kind: 'vulnerability',
    title,
    ...severityFor(rng, impact),
    published: isoDate(cal, publishedDay),
    publishedDay,
    affects,
    kevDay,
    pocDay,
    weaponizedDay,
    epssBase: sampleEpss(rng, weaponized),
    epssSlope: rng.range(-0.5, 0.8),
    exceptionRate: affects.some((a) => a.fixed === null) ? 0.3 : 0,
  };
}

function spikeWeakness(
  ids: CveIds,
  cal: Calendar,
  schedule: ReleaseSchedule,
  kevDay: number,
): DemoWeakness | null {
  // Fixed by the last Patch Tuesday at least 12 days before the listing: most devices have not
  // installed it yet when CISA lists it, which is what makes the listing hurt.
  let index = -1;
  for (let i = 1; i < schedule.days.length; i++) if (schedule.days[i]! <= kevDay - 12) index = i;
  if (index < 1) return null;
  const publishedDay = schedule.days[index]!;
  const cvss = { version: '3.1' as const, score: 7.8, vector: `CVSS:3.1/${IMPACTS.eop.v3}` };
  return {
    id: ids.take(yearOf(cal, publishedDay)),
    kind: 'vulnerability',
    title: 'Windows Common Log File System Driver elevation of privilege',
    cvss: [cvss],
    severity: 'high',
    published: isoDate(cal, publishedDay),
    publishedDay,
    affects: schedule.family.products.map((p) => ({ product: p.key, introduced: 0, fixed: index })),
    kevDay,
    pocDay: null,
    weaponizedDay: kevDay + 3,
    epssBase: 0.0009,
    epssSlope: 0,
    exceptionRate: 0,
  };
}

/** The weakness catalogue: famous old ones, one batch per release, a few with no fix, the spike. */
export function makeCatalogue(rng: Random, options: CatalogueOptions): Catalogue {
  const { calendar: cal, schedules } = options;
  const ids = new CveIds(rng);
  const vulnerabilities = famousWeaknesses(cal);
  for (const w of vulnerabilities) ids.reserve(w.id);
  const lastDay = cal.days - 1;

  for (const { family, days } of schedules.values()) {
    for (let index = 1; index < days.length; index++) {
      const day = days[index]!;
      if (day < -CVE_LOOKBACK_DAYS || day > lastDay) continue;
      const count = rng.int(family.cves[0], family.cves[1]);
      for (let n = 0; n < count; n++) {
        const affects = affectedProducts(rng, family).map((product) => ({
          product,
          introduced: 0,
          fixed: index,
        }));
        vulnerabilities.push(generated(rng, ids, cal, family, day, affects));
      }
    }
  }
  for (const key of NO_FIX_FAMILIES) {
    const schedule = schedules.get(key);
    if (!schedule) continue;
    const day = rng.int(-CVE_LOOKBACK_DAYS, Math.floor(lastDay * 0.7));
    const affects = schedule.family.products.map((p) => ({
      product: p.key,
      introduced: 0,
      fixed: null,
    }));
    vulnerabilities.push(generated(rng, ids, cal, schedule.family, day, affects));
  }
  const windows = schedules.get('windows');
  const spike =
    options.kevDay !== null && windows ? spikeWeakness(ids, cal, windows, options.kevDay) : null;
  if (spike) vulnerabilities.push(spike);

  const lists = new Map<string, ProductWeakness[]>();
  for (const weakness of vulnerabilities) {
    for (const affect of weakness.affects) {
      const list = lists.get(affect.product) ?? [];
      list.push({ weakness, affect });
      lists.set(affect.product, list);
    }
  }
  const byProduct = new Map(
    [...lists].map(([product, list]) => [product, new ProductIndex(list)] as const),
  );
  return { vulnerabilities, configurations: demoConfigurations(), byProduct, spike };
}
