/** Static tables the fleet is drawn from: groups, operating systems, roles, software, names. */

export type Platform =
  'win-client' | 'win-server' | 'mac' | 'linux-desktop' | 'linux-server' | 'k8s' | 'network';
export type Discipline = 'good' | 'normal' | 'poor' | 'neglected';

export interface OsSpec {
  os: string;
  platform: Platform;
  /** Product keys every device with this OS has. */
  base: readonly string[];
}

const LINUX_BASE = ['linux_kernel', 'openssl', 'openssh', 'glibc', 'sudo', 'curl', 'xz'];

const OS_SPECS = {
  win11a: { os: 'Windows 11 23H2', platform: 'win-client', base: ['windows_11', 'edge_chromium'] },
  win11b: { os: 'Windows 11 24H2', platform: 'win-client', base: ['windows_11', 'edge_chromium'] },
  win10: { os: 'Windows 10 22H2', platform: 'win-client', base: ['windows_10', 'edge_chromium'] },
  macos: { os: 'macOS 14 Sonoma', platform: 'mac', base: ['macos'] },
  ubuntuDesktop: {
    os: 'Ubuntu 22.04',
    platform: 'linux-desktop',
    base: [...LINUX_BASE, 'firefox'],
  },
  ws2022: { os: 'Windows Server 2022', platform: 'win-server', base: ['windows_server_2022'] },
  ws2019: { os: 'Windows Server 2019', platform: 'win-server', base: ['windows_server_2019'] },
  ubuntu22: { os: 'Ubuntu 22.04', platform: 'linux-server', base: LINUX_BASE },
  ubuntu24: { os: 'Ubuntu 24.04', platform: 'linux-server', base: LINUX_BASE },
  rhel9: { os: 'RHEL 9', platform: 'linux-server', base: LINUX_BASE },
  rhel8: { os: 'RHEL 8', platform: 'linux-server', base: LINUX_BASE },
  debian12: { os: 'Debian 12', platform: 'linux-server', base: LINUX_BASE },
  k8sNode: {
    os: 'Ubuntu 22.04',
    platform: 'k8s',
    base: [...LINUX_BASE, 'containerd', 'kubernetes', 'runc'],
  },
  fortios: { os: 'FortiOS 7.2', platform: 'network', base: ['fortios'] },
  iosxe: { os: 'Cisco IOS XE 17.9', platform: 'network', base: ['ios_xe'] },
  panos: { os: 'PAN-OS 11.1', platform: 'network', base: ['pan-os'] },
} as const satisfies Record<string, OsSpec>;

export const OS: { readonly [K in keyof typeof OS_SPECS]: OsSpec } = OS_SPECS;

/** Optional software by platform: [product key, share of devices that have it]. */
export const OPTIONAL_SOFTWARE: Record<Platform, readonly (readonly [string, number])[]> = {
  'win-client': [
    ['chrome', 0.8],
    ['firefox', 0.25],
    ['office', 0.92],
    ['acrobat_reader', 0.55],
    ['zoom', 0.45],
    ['7-zip', 0.3],
    ['jre', 0.15],
  ],
  mac: [
    ['chrome', 0.75],
    ['firefox', 0.3],
    ['office', 0.7],
    ['zoom', 0.6],
    ['acrobat_reader', 0.3],
  ],
  'linux-desktop': [
    ['chrome', 0.4],
    ['zoom', 0.2],
  ],
  'win-server': [
    ['edge_chromium', 0.6],
    ['tools', 0.8],
    ['jre', 0.2],
    ['7-zip', 0.3],
  ],
  'linux-server': [['tools', 0.7]],
  k8s: [],
  network: [],
};

export interface ServerRole {
  role: string;
  weight: number;
  windows: boolean;
  /** Role software: [product key, share]. Products joined by '|' are alternatives. */
  software: readonly (readonly [string, number])[];
  team: string;
  /** Share of such servers that are high value. */
  high: number;
}

export const SERVER_ROLES: readonly ServerRole[] = [
  {
    role: 'web',
    weight: 24,
    windows: false,
    software: [['nginx|http_server', 1]],
    team: 'web-platform',
    high: 0.03,
  },
  {
    role: 'app',
    weight: 20,
    windows: false,
    software: [
      ['tomcat', 0.6],
      ['jre', 0.5],
      ['log4j', 0.6],
    ],
    team: 'web-platform',
    high: 0.03,
  },
  {
    role: 'db',
    weight: 14,
    windows: false,
    software: [['postgresql|mysql', 1]],
    team: 'dba',
    high: 0.3,
  },
  { role: 'sql', weight: 5, windows: true, software: [['sql_server', 1]], team: 'dba', high: 0.3 },
  { role: 'dc', weight: 6, windows: true, software: [], team: 'it-infra', high: 1 },
  { role: 'file', weight: 8, windows: true, software: [], team: 'it-infra', high: 0.03 },
  {
    role: 'mail',
    weight: 3,
    windows: true,
    software: [['exchange_server', 1]],
    team: 'it-infra',
    high: 0.03,
  },
  {
    role: 'search',
    weight: 6,
    windows: false,
    software: [
      ['elasticsearch', 1],
      ['log4j', 0.5],
    ],
    team: 'platform',
    high: 0.03,
  },
  {
    role: 'ci',
    weight: 6,
    windows: false,
    software: [
      ['jre', 0.7],
      ['log4j', 0.3],
    ],
    team: 'platform',
    high: 0.03,
  },
  {
    role: 'rdp',
    weight: 4,
    windows: true,
    software: [
      ['office', 1],
      ['acrobat_reader', 0.6],
    ],
    team: 'it-infra',
    high: 0.03,
  },
];

export const CITIES = [
  'amsterdam',
  'london',
  'paris',
  'berlin',
  'madrid',
  'new-york',
  'chicago',
  'austin',
] as const;
export const SITES = ['ams', 'lon', 'fra', 'nyc', 'chi'] as const;

export const FIRST_NAMES = [
  'anna',
  'ben',
  'chloe',
  'daniel',
  'emma',
  'farid',
  'grace',
  'hugo',
  'ines',
  'jonas',
  'kate',
  'liam',
  'maria',
  'noah',
  'olivia',
  'pieter',
  'quinn',
  'rosa',
  'samir',
  'tessa',
  'umar',
  'vera',
  'wout',
  'yara',
  'zoe',
] as const;
export const LAST_NAMES = [
  'jansen',
  'smith',
  'martin',
  'muller',
  'garcia',
  'dubois',
  'bakker',
  'johnson',
  'rossi',
  'novak',
  'kowalski',
  'visser',
  'brown',
  'fischer',
  'lopez',
  'dekker',
  'taylor',
  'schmidt',
  'moreau',
  'silva',
] as const;

/** How a group's devices patch: [discipline, weight]. */
export const DISCIPLINE: Record<string, readonly (readonly [Discipline, number])[]> = {
  Workstations: [
    ['good', 20],
    ['normal', 62],
    ['poor', 15],
    ['neglected', 3],
  ],
  Servers: [
    ['good', 15],
    ['normal', 60],
    ['poor', 20],
    ['neglected', 5],
  ],
  Kubernetes: [
    ['good', 40],
    ['normal', 55],
    ['poor', 5],
  ],
  Network: [
    ['normal', 60],
    ['poor', 35],
    ['neglected', 5],
  ],
  Lab: [
    ['poor', 50],
    ['neglected', 50],
  ],
};
