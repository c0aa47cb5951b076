/**
 * The software the fleet runs, grouped in release families: the products of a family ship their
 * fixes together (Patch Tuesday for Windows, one Chromium release for Chrome and Edge), so one
 * weakness can be fixed in several products at once, each in its own version.
 *
 * Version index 0 is a legacy build from long before the history (the one famous old weaknesses
 * affect); indexes from 1 up are regular releases, `cadence` days apart.
 */

/** How quickly an organization rolls out a family's releases. */
export type PatchClass = 'browser' | 'os-client' | 'os-server' | 'app' | 'server-app' | 'appliance';

export interface ProductSpec {
  key: string;
  vendor: string;
  product: string;
  /** Days after the family's release that this product's release ships. */
  offset: number;
  version: (index: number) => string;
}

export interface FamilySpec {
  key: string;
  /** How the family is named in weakness titles. */
  label: string;
  cadence: number;
  /** New vulnerabilities fixed by one release: [min, max]. */
  cves: readonly [number, number];
  patch: PatchClass;
  components: readonly string[];
  /** 'impact' titles read "… remote code execution"; 'bug' titles read "… use after free". */
  titles: 'impact' | 'bug';
  products: readonly ProductSpec[];
}

function product(
  key: string,
  vendor: string,
  version: (i: number) => string,
  offset = 0,
): ProductSpec {
  return { key, vendor, product: key, offset, version };
}

/** A scheme whose index 0 is a named legacy version and later indexes follow `next`. */
function legacy(first: string, next: (i: number) => string): (i: number) => string {
  return (i) => (i === 0 ? first : next(i));
}

const windowsComponents = [
  'Win32k',
  'Common Log File System Driver',
  'Kerberos',
  'SMBv3 Client',
  'Remote Desktop Services',
  'Hyper-V',
  'Print Spooler',
  'NTLM',
  'MSHTML Platform',
  'TCP/IP',
  'LDAP',
  'Kernel',
  'Installer',
  'Mark of the Web',
  'DWM Core Library',
  'Secure Boot',
  'Telephony Service',
] as const;

export const FAMILIES: readonly FamilySpec[] = [
  {
    key: 'windows',
    label: 'Windows',
    cadence: 30,
    cves: [8, 12],
    patch: 'os-client',
    titles: 'impact',
    components: windowsComponents,
    products: [
      product(
        'windows_11',
        'microsoft',
        legacy('10.0.22621.1702', (i) => `10.0.22631.${3000 + 150 * i}`),
      ),
      product(
        'windows_10',
        'microsoft',
        legacy('10.0.19044.2965', (i) => `10.0.19045.${4000 + 150 * i}`),
      ),
      product(
        'windows_server_2022',
        'microsoft',
        legacy('10.0.20348.1726', (i) => `10.0.20348.${2100 + 150 * i}`),
      ),
      product(
        'windows_server_2019',
        'microsoft',
        legacy('10.0.17763.4377', (i) => `10.0.17763.${5400 + 150 * i}`),
      ),
    ],
  },
  {
    key: 'office',
    label: 'Microsoft Office',
    cadence: 30,
    cves: [1, 3],
    patch: 'app',
    titles: 'impact',
    components: ['Excel', 'Word', 'Outlook', 'PowerPoint', 'Visio', 'SharePoint'],
    products: [
      product(
        'office',
        'microsoft',
        legacy('16.0.14332.20481', (i) => `16.0.${17000 + 100 * i}.20000`),
        1,
      ),
    ],
  },
  {
    key: 'exchange',
    label: 'Microsoft Exchange Server',
    cadence: 75,
    cves: [1, 2],
    patch: 'server-app',
    titles: 'impact',
    components: ['', 'OWA', 'PowerShell'],
    products: [
      product(
        'exchange_server',
        'microsoft',
        legacy('15.2.1118.7', (i) => `15.2.${1258 + 10 * i}.${12 + i}`),
      ),
    ],
  },
  {
    key: 'sql',
    label: 'Microsoft SQL Server',
    cadence: 90,
    cves: [0, 2],
    patch: 'server-app',
    titles: 'impact',
    components: ['Native Client OLE DB Provider', 'Database Engine', 'ODBC Driver'],
    products: [
      product(
        'sql_server',
        'microsoft',
        legacy('16.0.1000.6', (i) => `16.0.${4100 + 15 * i}.1`),
      ),
    ],
  },
  {
    key: 'chromium',
    label: 'Chromium',
    cadence: 14,
    cves: [1, 2],
    patch: 'browser',
    titles: 'bug',
    components: [
      'V8',
      'Blink',
      'ANGLE',
      'Skia',
      'WebGPU',
      'Dawn',
      'Mojo',
      'WebRTC',
      'PDFium',
      'Media',
    ],
    products: [
      product(
        'chrome',
        'google',
        legacy(
          '116.0.5845.96',
          (i) => `${120 + Math.floor(i / 2)}.0.${6099 + 70 * i}.${100 + (i % 2) * 30}`,
        ),
      ),
      product(
        'edge_chromium',
        'microsoft',
        legacy(
          '116.0.1938.62',
          (i) => `${120 + Math.floor(i / 2)}.0.${2210 + 60 * i}.${50 + (i % 2) * 20}`,
        ),
        3,
      ),
    ],
  },
  {
    key: 'firefox',
    label: 'Mozilla Firefox',
    cadence: 28,
    cves: [1, 2],
    patch: 'browser',
    titles: 'bug',
    components: ['SpiderMonkey', 'WebGL', 'IndexedDB', 'Gecko layout', 'WebTransport'],
    products: [
      product(
        'firefox',
        'mozilla',
        legacy('117.0', (i) => `${120 + i}.0`),
      ),
    ],
  },
  {
    key: 'acrobat',
    label: 'Adobe Acrobat Reader',
    cadence: 30,
    cves: [0, 2],
    patch: 'app',
    titles: 'bug',
    components: ['font parser', 'JavaScript engine', 'annotation handler', 'XFA forms'],
    products: [
      product(
        'acrobat_reader',
        'adobe',
        legacy('23.003.20244', (i) => `24.${String(1 + i).padStart(3, '0')}.20${600 + 10 * i}`),
      ),
    ],
  },
  {
    key: 'zoom',
    label: 'Zoom Workplace',
    cadence: 30,
    cves: [0, 1],
    patch: 'app',
    titles: 'impact',
    components: ['Desktop App', 'Installer', 'Meeting SDK'],
    products: [
      product(
        'zoom',
        'zoom',
        legacy('5.15.2', (i) => `6.${Math.floor(i / 4)}.${i % 4}`),
      ),
    ],
  },
  {
    key: '7zip',
    label: '7-Zip',
    cadence: 150,
    cves: [0, 1],
    patch: 'app',
    titles: 'bug',
    components: ['archive extraction', 'RAR handler', 'Zstandard decompression'],
    products: [
      product(
        '7-zip',
        '7-zip',
        legacy('22.01', (i) => `${23 + Math.floor(i / 2)}.0${1 + (i % 2) * 5}`),
      ),
    ],
  },
  {
    key: 'jre',
    label: 'Oracle Java SE',
    cadence: 90,
    cves: [1, 3],
    patch: 'app',
    titles: 'impact',
    components: ['Hotspot', 'Networking', 'Libraries', '2D', 'JSSE'],
    products: [
      product(
        'jre',
        'oracle',
        legacy('1.8.0_361', (i) => `1.8.0_${401 + 10 * i}`),
      ),
    ],
  },
  {
    key: 'macos',
    label: 'macOS',
    cadence: 45,
    cves: [2, 4],
    patch: 'os-client',
    titles: 'impact',
    components: ['Kernel', 'WebKit', 'ImageIO', 'CoreMedia', 'Gatekeeper', 'AppleScript'],
    products: [
      product(
        'macos',
        'apple',
        legacy('13.4.1', (i) => `14.${Math.floor(i / 3)}.${i % 3}`),
      ),
    ],
  },
  {
    key: 'kernel',
    label: 'Linux kernel',
    cadence: 21,
    cves: [1, 3],
    patch: 'os-server',
    titles: 'bug',
    components: ['netfilter', 'io_uring', 'ksmbd', 'ext4', 'nf_tables', 'Bluetooth', 'vsock'],
    products: [
      product(
        'linux_kernel',
        'linux',
        legacy('5.15.0-72', (i) => `5.15.0-${100 + 3 * i}`),
      ),
    ],
  },
  {
    key: 'openssl',
    label: 'OpenSSL',
    cadence: 60,
    cves: [0, 2],
    patch: 'os-server',
    titles: 'impact',
    components: [
      'X.509 certificate verification',
      'PKCS12 parsing',
      'SSL_select_next_proto',
      'POLY1305',
    ],
    products: [
      product(
        'openssl',
        'openssl',
        legacy('3.0.2', (i) => `3.0.${10 + i}`),
      ),
    ],
  },
  {
    key: 'openssh',
    label: 'OpenSSH',
    cadence: 120,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'impact',
    components: ['sshd', 'ssh-agent', 'ssh client'],
    products: [
      product(
        'openssh',
        'openbsd',
        legacy('8.9p1', (i) => (i <= 2 ? `9.${7 + i}p1` : `10.${i - 3}p1`)),
      ),
    ],
  },
  {
    key: 'glibc',
    label: 'GNU C Library',
    cadence: 180,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'bug',
    components: ['iconv', 'syslog', 'getaddrinfo', 'ld.so'],
    products: [
      product(
        'glibc',
        'gnu',
        legacy('2.35', (i) => `2.${36 + i}`),
      ),
    ],
  },
  {
    key: 'sudo',
    label: 'sudo',
    cadence: 150,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'impact',
    components: ['sudoedit', 'chroot option'],
    products: [
      product(
        'sudo',
        'sudo_project',
        legacy('1.9.9', (i) => `1.9.${14 + i}`),
      ),
    ],
  },
  {
    key: 'curl',
    label: 'curl',
    cadence: 56,
    cves: [0, 2],
    patch: 'os-server',
    titles: 'bug',
    components: ['SOCKS5 proxy handshake', 'cookie parser', 'HTTP/2 push headers'],
    products: [
      product(
        'curl',
        'haxx',
        legacy('7.81.0', (i) => `8.${4 + i}.0`),
      ),
    ],
  },
  {
    key: 'xz',
    label: 'XZ Utils',
    cadence: 180,
    cves: [0, 0],
    patch: 'os-server',
    titles: 'impact',
    components: ['liblzma'],
    products: [
      product(
        'xz',
        'tukaani',
        legacy('5.6.1', (i) => `5.${6 + Math.floor((i - 1) / 2)}.${2 + ((i - 1) % 2)}`),
      ),
    ],
  },
  {
    key: 'nginx',
    label: 'nginx',
    cadence: 60,
    cves: [0, 1],
    patch: 'server-app',
    titles: 'impact',
    components: ['HTTP/3 QUIC module', 'mp4 module', 'resolver'],
    products: [
      product(
        'nginx',
        'f5',
        legacy('1.25.2', (i) => `1.${25 + Math.floor((i + 2) / 3)}.${(i + 2) % 3}`),
      ),
    ],
  },
  {
    key: 'httpd',
    label: 'Apache HTTP Server',
    cadence: 90,
    cves: [0, 2],
    patch: 'server-app',
    titles: 'impact',
    components: ['mod_proxy', 'mod_rewrite', 'core', 'mod_ssl'],
    products: [
      product(
        'http_server',
        'apache',
        legacy('2.4.57', (i) => `2.4.${58 + i}`),
      ),
    ],
  },
  {
    key: 'tomcat',
    label: 'Apache Tomcat',
    cadence: 45,
    cves: [0, 1],
    patch: 'server-app',
    titles: 'impact',
    components: ['default servlet', 'HTTP/2 handler', 'session persistence'],
    products: [
      product(
        'tomcat',
        'apache',
        legacy('9.0.80', (i) => `9.0.${83 + 3 * i}`),
      ),
    ],
  },
  {
    key: 'log4j',
    label: 'Apache Log4j',
    cadence: 120,
    cves: [0, 0],
    patch: 'server-app',
    titles: 'impact',
    components: ['JNDI lookup'],
    products: [
      product(
        'log4j',
        'apache',
        legacy('2.14.1', (i) => `2.${19 + i}.0`),
      ),
      product(
        'elasticsearch',
        'elastic',
        legacy('7.16.0', (i) => `8.${10 + i}.0`),
        2,
      ),
    ],
  },
  {
    key: 'postgresql',
    label: 'PostgreSQL',
    cadence: 90,
    cves: [0, 1],
    patch: 'server-app',
    titles: 'impact',
    components: ['libpq', 'PL/pgSQL', 'row security'],
    products: [
      product(
        'postgresql',
        'postgresql',
        legacy('14.7', (i) => `16.${1 + i}`),
      ),
    ],
  },
  {
    key: 'mysql',
    label: 'Oracle MySQL',
    cadence: 90,
    cves: [1, 2],
    patch: 'server-app',
    titles: 'impact',
    components: ['Server: Optimizer', 'Server: InnoDB', 'Server: Replication'],
    products: [
      product(
        'mysql',
        'oracle',
        legacy('8.0.32', (i) => `8.0.${35 + i}`),
      ),
    ],
  },
  {
    key: 'containerd',
    label: 'containerd',
    cadence: 60,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'impact',
    components: ['CRI plugin', 'image pull'],
    products: [
      product(
        'containerd',
        'linuxfoundation',
        legacy('1.6.20', (i) => `1.7.${10 + i}`),
      ),
    ],
  },
  {
    key: 'kubernetes',
    label: 'Kubernetes',
    cadence: 30,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'impact',
    components: ['kubelet', 'kube-apiserver', 'kube-proxy'],
    products: [
      product(
        'kubernetes',
        'kubernetes',
        legacy('1.26.4', (i) => `1.${28 + Math.floor(i / 3)}.${4 + (i % 3)}`),
      ),
    ],
  },
  {
    key: 'runc',
    label: 'runc',
    cadence: 120,
    cves: [0, 1],
    patch: 'os-server',
    titles: 'impact',
    components: ['container breakout via file descriptor', 'mount handling'],
    products: [
      product(
        'runc',
        'linuxfoundation',
        legacy('1.1.5', (i) => `1.1.${11 + i}`),
      ),
    ],
  },
  {
    key: 'fortios',
    label: 'Fortinet FortiOS',
    cadence: 60,
    cves: [0, 2],
    patch: 'appliance',
    titles: 'impact',
    components: ['SSL-VPN', 'fgfmd daemon', 'IPsec VPN', 'administrative interface'],
    products: [
      product(
        'fortios',
        'fortinet',
        legacy('7.0.12', (i) => `7.2.${6 + i}`),
      ),
    ],
  },
  {
    key: 'iosxe',
    label: 'Cisco IOS XE',
    cadence: 90,
    cves: [0, 2],
    patch: 'appliance',
    titles: 'impact',
    components: ['Web UI', 'SNMP', 'IKEv2', 'DHCP snooping'],
    products: [
      product(
        'ios_xe',
        'cisco',
        legacy('17.6.4', (i) => `17.9.${4 + i}`),
      ),
    ],
  },
  {
    key: 'panos',
    label: 'Palo Alto Networks PAN-OS',
    cadence: 45,
    cves: [0, 1],
    patch: 'appliance',
    titles: 'impact',
    components: ['GlobalProtect', 'management interface', 'User-ID'],
    products: [
      product(
        'pan-os',
        'paloaltonetworks',
        legacy('10.2.3', (i) => `11.1.${2 + i}`),
      ),
    ],
  },
  {
    key: 'vmtools',
    label: 'VMware Tools',
    cadence: 90,
    cves: [0, 1],
    patch: 'app',
    titles: 'impact',
    components: ['SAML token handling', 'guest operations'],
    products: [
      product(
        'tools',
        'vmware',
        legacy('12.1.5', (i) => `12.${3 + Math.floor(i / 2)}.${i % 2 ? 5 : 0}`),
      ),
    ],
  },
];

/** Every product by key. */
export const PRODUCTS: ReadonlyMap<string, { family: FamilySpec; spec: ProductSpec }> = new Map(
  FAMILIES.flatMap((family) =>
    family.products.map((spec) => [spec.key, { family, spec }] as const),
  ),
);
