import type { DeviceValue } from '@exposure/score';
import {
  CITIES,
  DISCIPLINE,
  FIRST_NAMES,
  LAST_NAMES,
  OPTIONAL_SOFTWARE,
  OS,
  SERVER_ROLES,
  SITES,
  type Discipline,
  type OsSpec,
  type Platform,
} from './fleet-data.js';
import type { Random } from './random.js';

/** A device of the simulated fleet, with what it runs and how it is looked after. */
export interface DemoDevice {
  index: number;
  id: string;
  name: string;
  os: string;
  group: string;
  value: DeviceValue;
  tags: string[];
  owner: string;
  platform: Platform;
  /** Product keys installed. */
  products: string[];
  discipline: Discipline;
  /** Update ring for monthly OS patches: 0 pilot, 1 early, 2 broad. */
  ring: 0 | 1 | 2;
  /** First day it reports (0 for devices there from the start). */
  joinDay: number;
  /** Last day it reports, or null when it keeps reporting. */
  stopDay: number | null;
}

/** Shares of the fleet per group; workstations take the rounding remainder. */
const GROUP_SHARES = [
  ['Servers EU', 0.14],
  ['Servers US', 0.12],
  ['Kubernetes', 0.09],
  ['Network', 0.04],
  ['Lab', 0.05],
] as const;

type Draft = Omit<DemoDevice, 'index' | 'id' | 'joinDay' | 'stopDay'>;

class Namer {
  private readonly counters = new Map<string, number>();
  constructor(private readonly rng: Random) {}
  /** The next number for a prefix, sometimes skipping a few as real inventories do. */
  next(prefix: string, start: number, width: number): string {
    const n =
      (this.counters.get(prefix) ?? start - 1) + (this.rng.chance(0.15) ? this.rng.int(2, 4) : 1);
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(width, '0')}`;
  }
}

function installed(
  rng: Random,
  spec: OsSpec,
  extra: readonly (readonly [string, number])[] = [],
): string[] {
  const products = new Set<string>(spec.base);
  for (const [choice, share] of [...OPTIONAL_SOFTWARE[spec.platform], ...extra]) {
    if (rng.chance(share)) products.add(rng.pick(choice.split('|')));
  }
  return [...products];
}

function ring(rng: Random): 0 | 1 | 2 {
  return rng.weighted([
    [0, 12],
    [1, 40],
    [2, 48],
  ] as const);
}

function workstation(rng: Random, namer: Namer, domain: string): Draft {
  const spec = rng.weighted([
    [OS.win11a, 40],
    [OS.win11b, 26],
    [OS.win10, 10],
    [OS.macos, 18],
    [OS.ubuntuDesktop, 6],
  ] as const);
  const city = rng.pick(CITIES);
  const kiosk = rng.chance(0.12);
  const laptop = !kiosk && rng.chance(0.75);
  const person = `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}`;
  return {
    name: namer.next(`${kiosk ? 'kiosk' : laptop ? 'lap' : 'desk'}-${city}`, 100, 3),
    os: spec.os,
    group: 'Workstations',
    value: kiosk ? 'low' : 'normal',
    tags: [laptop ? 'laptop' : 'desktop', ...(kiosk ? ['kiosk'] : []), `site:${city}`],
    owner: kiosk ? `service-desk@${domain}` : `${person}@${domain}`,
    platform: spec.platform,
    products: installed(rng, spec),
    discipline: rng.weighted(DISCIPLINE.Workstations!),
    ring: ring(rng),
  };
}

function server(rng: Random, namer: Namer, domain: string, region: 'eu' | 'us'): Draft {
  const role = rng.weighted(SERVER_ROLES.map((r) => [r, r.weight] as const));
  const spec = role.windows
    ? rng.weighted([
        [OS.ws2022, 70],
        [OS.ws2019, 30],
      ] as const)
    : rng.weighted([
        [OS.ubuntu22, 40],
        [OS.ubuntu24, 15],
        [OS.rhel9, 25],
        [OS.rhel8, 10],
        [OS.debian12, 10],
      ] as const);
  const staging = role.role !== 'dc' && rng.chance(0.2);
  const value: DeviceValue = staging ? 'low' : rng.chance(role.high) ? 'high' : 'normal';
  return {
    name: namer.next(`${role.role}-${region}`, 1, 2),
    os: spec.os,
    group: region === 'eu' ? 'Servers EU' : 'Servers US',
    value,
    tags: [
      staging ? 'staging' : 'prod',
      `role:${role.role}`,
      ...(role.role === 'web' && rng.chance(0.5) ? ['dmz'] : []),
    ],
    owner: `${role.team}@${domain}`,
    platform: spec.platform,
    products: installed(rng, spec, role.software),
    discipline: rng.weighted(DISCIPLINE.Servers!),
    ring: rng.chance(0.3) ? 1 : 2,
  };
}

function k8sNode(rng: Random, namer: Namer, domain: string): Draft {
  const cluster = rng.weighted([
    ['prod-eu', 45],
    ['prod-us', 35],
    ['staging', 20],
  ] as const);
  return {
    name: namer.next('k8s-node', 1, 2),
    os: OS.k8sNode.os,
    group: 'Kubernetes',
    value: cluster === 'staging' ? 'low' : 'normal',
    tags: [`cluster:${cluster}`, cluster === 'staging' ? 'staging' : 'prod'],
    owner: `platform@${domain}`,
    platform: 'k8s',
    products: installed(rng, OS.k8sNode),
    discipline: rng.weighted(DISCIPLINE.Kubernetes!),
    ring: 1,
  };
}

function networkDevice(rng: Random, namer: Namer, domain: string): Draft {
  const [kind, spec] = rng.weighted<readonly [string, OsSpec]>([
    [['fw', OS.fortios], 40],
    [['sw-core', OS.iosxe], 35],
    [['vpn', OS.panos], 25],
  ] as const);
  const site = rng.pick(SITES);
  return {
    name: namer.next(kind === 'sw-core' ? `sw-core-${site}` : `${kind}-${site}`, 1, 2),
    os: spec.os,
    group: 'Network',
    value: 'normal',
    tags: ['prod', kind === 'sw-core' ? 'switch' : 'perimeter', `site:${site}`],
    owner: `netops@${domain}`,
    platform: 'network',
    products: installed(rng, spec),
    discipline: rng.weighted(DISCIPLINE.Network!),
    ring: 2,
  };
}

function labDevice(rng: Random, namer: Namer, domain: string): Draft {
  const spec = rng.weighted([
    [OS.win10, 35],
    [OS.ubuntu22, 35],
    [OS.ws2019, 20],
    [OS.rhel8, 10],
  ] as const);
  return {
    name: namer.next('lab-test', 1, 2),
    os: spec.os,
    group: 'Lab',
    value: 'low',
    tags: ['lab', 'test'],
    owner: `qa@${domain}`,
    platform: spec.platform,
    products: installed(
      rng,
      spec,
      spec.platform === 'linux-server'
        ? [
            ['jre', 0.5],
            ['log4j', 0.3],
          ]
        : [],
    ),
    discipline: rng.weighted(DISCIPLINE.Lab!),
    ring: 2,
  };
}

/** The fleet: `count` devices in several groups, a few joining late and a few going silent. */
export function makeFleet(
  rng: Random,
  count: number,
  days: number,
  organization: string,
): DemoDevice[] {
  const domain = `${organization.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'example'}.com`;
  const namer = new Namer(rng);
  const drafts: Draft[] = [];
  let assigned = 0;
  for (const [group, share] of GROUP_SHARES) {
    const n = Math.round(count * share);
    for (let i = 0; i < n && assigned < count; i++, assigned++) {
      if (group === 'Servers EU' || group === 'Servers US')
        drafts.push(server(rng, namer, domain, group === 'Servers EU' ? 'eu' : 'us'));
      else if (group === 'Kubernetes') drafts.push(k8sNode(rng, namer, domain));
      else if (group === 'Network') drafts.push(networkDevice(rng, namer, domain));
      else drafts.push(labDevice(rng, namer, domain));
    }
  }
  while (assigned++ < count) drafts.push(workstation(rng, namer, domain));

  return drafts.map((draft, index) => {
    // Silent devices must stop early enough to drop out of scope (30 days) before the end.
    const late = days >= 30 && draft.group !== 'Lab' && rng.chance(0.03);
    const silent = !late && days >= 45 && rng.chance(0.025);
    return {
      ...draft,
      index,
      id: `dev-${String(index + 1).padStart(4, '0')}`,
      joinDay: late ? rng.int(10, days - 10) : 0,
      stopDay: silent ? rng.int(5, days - 35) : null,
    };
  });
}
