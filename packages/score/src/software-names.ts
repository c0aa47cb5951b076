/**
 * How vendors and products are written by their owners. Scanners name software by CPE-style
 * identifiers (`gnu/glibc`, `paloaltonetworks/pan-os`, `linux/linux_kernel`) or by package
 * coordinates (`org.apache.logging.log4j:log4j-core`); people write "GNU glibc", "Palo Alto
 * Networks PAN-OS", "Linux kernel", "Apache Log4j". These tables hold the spellings this project
 * has met in its inputs and fixtures, and the rules for everything else. Only display text comes
 * from here: recommendation ids stay the lower-cased identifiers (docs/model.md, rule 7).
 */

/** Whole names, keyed `vendor/product` in lower case (vendor already shortened, see `vendorKey`). */
const PRODUCTS: Readonly<Record<string, string>> = {
  '7-zip/7-zip': '7-Zip',
  'apache/http_server': 'Apache HTTP Server',
  'apache/log4j': 'Apache Log4j',
  'apache/log4j-core': 'Apache Log4j',
  'apache/log4j-api': 'Apache Log4j API',
  'apple/iphone_os': 'Apple iOS',
  'apple/macos': 'Apple macOS',
  'apple/mac_os_x': 'Apple macOS',
  'cisco/ios_xe': 'Cisco IOS XE',
  'cisco/ios': 'Cisco IOS',
  'cisco/adaptive_security_appliance_software': 'Cisco ASA Software',
  'elastic/elasticsearch': 'Elasticsearch',
  'elastic/kibana': 'Kibana',
  'f5/nginx': 'nginx',
  'nginx/nginx': 'nginx',
  'f5/big-ip': 'F5 BIG-IP',
  'fortinet/fortios': 'Fortinet FortiOS',
  'git-scm/git': 'Git',
  'gnu/glibc': 'GNU glibc',
  'gnu/bash': 'GNU Bash',
  'haxx/curl': 'curl',
  'haxx/libcurl': 'libcurl',
  'curl/curl': 'curl',
  'isc/bind': 'ISC BIND',
  'linux/linux_kernel': 'Linux kernel',
  'linuxfoundation/containerd': 'containerd',
  'microsoft/.net': 'Microsoft .NET',
  'microsoft/.net_framework': 'Microsoft .NET Framework',
  'microsoft/edge': 'Microsoft Edge',
  'microsoft/edge_chromium': 'Microsoft Edge',
  'microsoft/sql_server': 'Microsoft SQL Server',
  'mozilla/firefox_esr': 'Mozilla Firefox ESR',
  'nodejs/node.js': 'Node.js',
  'openbsd/openssh': 'OpenSSH',
  'openssl/openssl': 'OpenSSL',
  'oracle/jdk': 'Oracle Java (JDK)',
  'oracle/jre': 'Oracle Java (JRE)',
  'oracle/openjdk': 'OpenJDK',
  'oracle/mysql': 'Oracle MySQL',
  'paloaltonetworks/pan-os': 'Palo Alto Networks PAN-OS',
  'postgresql/postgresql': 'PostgreSQL',
  'python/python': 'Python',
  'sudo/sudo': 'sudo',
  'tukaani/xz': 'XZ Utils',
  'vmware/tools': 'VMware Tools',
};

/** Vendors whose name is not their identifier title-cased. */
const VENDORS: Readonly<Record<string, string>> = {
  fasterxml: 'FasterXML',
  gnu: 'GNU',
  hp: 'HP',
  hpe: 'HPE',
  ibm: 'IBM',
  isc: 'ISC',
  jboss: 'JBoss',
  jetbrains: 'JetBrains',
  github: 'GitHub',
  gitlab: 'GitLab',
  linuxfoundation: 'Linux Foundation',
  openbsd: 'OpenBSD',
  paloaltonetworks: 'Palo Alto Networks',
  sap: 'SAP',
  sonicwall: 'SonicWall',
  springframework: 'Spring',
  vmware: 'VMware',
  wordpress: 'WordPress',
};

/** Words of product names as their owners write them (acronyms, inner capitals). */
const WORDS: Readonly<Record<string, string>> = {
  adc: 'ADC',
  asa: 'ASA',
  esr: 'ESR',
  esxi: 'ESXi',
  fortigate: 'FortiGate',
  fortios: 'FortiOS',
  http: 'HTTP',
  iis: 'IIS',
  ios: 'IOS',
  jdk: 'JDK',
  jre: 'JRE',
  log4j: 'Log4j',
  macos: 'macOS',
  mysql: 'MySQL',
  netscaler: 'NetScaler',
  onedrive: 'OneDrive',
  openssh: 'OpenSSH',
  openssl: 'OpenSSL',
  'pan-os': 'PAN-OS',
  phpmyadmin: 'phpMyAdmin',
  postgresql: 'PostgreSQL',
  powershell: 'PowerShell',
  sharepoint: 'SharePoint',
  sql: 'SQL',
  ssh: 'SSH',
  vcenter: 'vCenter',
  vpn: 'VPN',
  xe: 'XE',
};

/** Products their owners write in lower case, even first in a sentence. */
const LOWERCASE_BRANDS = new Set([
  'busybox',
  'containerd',
  'curl',
  'glibc',
  'libcurl',
  'libwebp',
  'nginx',
  'runc',
  'sudo',
  'systemd',
  'wget',
  'zlib',
]);

/**
 * How each package ecosystem that scanners put where a vendor would be is said: "Update lodash
 * (npm package)". Their package names are case-sensitive identifiers, shown as written.
 */
const ECOSYSTEMS: Readonly<Record<string, string>> = {
  npm: 'npm package',
  yarn: 'npm package',
  pnpm: 'npm package',
  'node-pkg': 'npm package',
  nodejs: 'npm package',
  deb: 'deb package',
  debian: 'Debian package',
  ubuntu: 'Ubuntu package',
  alpine: 'Alpine package',
  apk: 'Alpine package',
  rpm: 'RPM package',
  redhat: 'Red Hat package',
  centos: 'CentOS package',
  rocky: 'Rocky Linux package',
  alma: 'AlmaLinux package',
  almalinux: 'AlmaLinux package',
  amazon: 'Amazon Linux package',
  photon: 'Photon OS package',
  mariner: 'Azure Linux package',
  'cbl-mariner': 'Azure Linux package',
  azurelinux: 'Azure Linux package',
  wolfi: 'Wolfi package',
  chainguard: 'Chainguard package',
  suse: 'SUSE package',
  opensuse: 'openSUSE package',
  sles: 'SUSE package',
  pip: 'Python package',
  pipenv: 'Python package',
  poetry: 'Python package',
  uv: 'Python package',
  python: 'Python package',
  'python-pkg': 'Python package',
  pypi: 'PyPI package',
  conda: 'conda package',
  gem: 'Ruby gem',
  gemspec: 'Ruby gem',
  bundler: 'Ruby gem',
  rubygems: 'Ruby gem',
  jar: 'Java archive',
  pom: 'Maven package',
  maven: 'Maven package',
  gradle: 'Java archive',
  'java-archive': 'Java archive',
  sbt: 'Java archive',
  go: 'Go module',
  gomod: 'Go module',
  gobinary: 'Go binary',
  'go-module': 'Go module',
  golang: 'Go module',
  cargo: 'Rust crate',
  'rust-binary': 'Rust binary',
  'rust-crate': 'Rust crate',
  'crates.io': 'Rust crate',
  nuget: 'NuGet package',
  'dotnet-core': 'NuGet package',
  'dotnet-deps': 'NuGet package',
  composer: 'PHP package',
  packagist: 'PHP package',
  conan: 'Conan package',
  cocoapods: 'CocoaPods pod',
  swift: 'Swift package',
  pub: 'Dart package',
  hex: 'Hex package',
  'erlang-otp': 'Erlang/OTP package',
  bitnami: 'Bitnami package',
  hackage: 'Haskell package',
  cran: 'R package',
  'github-action': 'GitHub Action',
  binary: 'binary',
  'lang-pkg': 'language package',
  'os-pkg': 'OS package',
  'linux-kernel': 'Linux kernel package',
  'linux-kernel-module': 'Linux kernel module',
};

/** What importers put where a component names no vendor (CycloneDX without a purl). */
export const UNKNOWN_VENDOR = 'unknown vendor';

/** The package ecosystem a vendor field names, said for people ("RPM package"), if it is one. */
export function ecosystemLabel(vendor: string): string | undefined {
  return ECOSYSTEMS[vendor.toLowerCase()];
}

/**
 * `org.apache.logging.log4j:log4j-core` → vendor `apache`, product `log4j-core`: a Maven group id
 * names its organization by reversed domain, the second label ("org.apache…" → Apache).
 */
function splitCoordinate(
  vendor: string,
  product: string,
): { vendor: string; product: string } | undefined {
  const colon = product.indexOf(':');
  if (colon > 0 && !product.includes('/', colon)) {
    return { vendor: organizationOf(product.slice(0, colon)), product: product.slice(colon + 1) };
  }
  if (!ecosystemLabel(vendor) && /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(vendor))
    return { vendor: organizationOf(vendor), product };
  return undefined;
}

/** The organization of a reversed-domain group id: `com.fasterxml.jackson.core` → `fasterxml`. */
function organizationOf(group: string): string {
  const labels = group.split('.');
  return labels.length >= 2 ? labels[1]! : group;
}

/** CPE vendors that are projects ("sudo_project") are named as the project. */
function vendorKey(vendor: string): string {
  return vendor
    .toLowerCase()
    .trim()
    .replace(/_project$/, '');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A fleet has few vendors and many products: each vendor is spelled once. */
const vendorNames = new Map<string, string>();

function vendorName(vendor: string): string {
  let name = vendorNames.get(vendor);
  if (name === undefined) {
    name = spellVendor(vendor);
    if (vendorNames.size < 10_000) vendorNames.set(vendor, name);
  }
  return name;
}

function spellVendor(vendor: string): string {
  const known = VENDORS[vendorKey(vendor)];
  if (known) return known;
  const words = vendor
    .replace(/_project$/i, '')
    .replace(/_+/g, ' ')
    .trim();
  // Written with capitals by whoever produced the input: theirs to spell ("TUKAANI").
  if (/[A-Z]/.test(words)) return words;
  return words.split(/\s+/).map(capitalize).join(' ');
}

/**
 * A product's words: kept as written when they carry capitals ("Django", "GHI"), from the word
 * table ("ios_xe" → "IOS XE"), lower case for lower-case brands, else capitalized per word, not
 * after hyphens ("chromium-based" → "Chromium-based", not "Chromium-Based").
 */
function productName(product: string): string {
  const words = product.replace(/_+/g, ' ').trim();
  if (/[A-Z]/.test(words)) return words;
  const whole = WORDS[words];
  if (whole) return whole;
  return words
    .split(/\s+/)
    .map((w) => WORDS[w] ?? (LOWERCASE_BRANDS.has(w) ? w : capitalize(w)))
    .join(' ');
}

/**
 * A package identifier (no vendor, or a namespaced name such as `league/flysystem`) is a
 * case-sensitive name in its registry: shown as written.
 */
function isPackageIdentifier(product: string): boolean {
  return /[/:@]/.test(product) || !/[\s_]/.test(product);
}

/**
 * The software as its owner writes it: "GNU glibc", "Oracle Java (JRE)", "Linux kernel",
 * "Apache Log4j" (for `org.apache.logging.log4j` / `log4j-core`), "lodash (npm package)".
 */
export function softwareName(vendor: string, product: string): string {
  const ecosystem = ecosystemLabel(vendor);
  const known = PRODUCTS[`${vendorKey(vendor)}/${product.toLowerCase()}`];
  if (known) return known;
  const coordinate = splitCoordinate(vendor, product);
  if (coordinate) {
    // A Maven artifact id is an identifier (log4j-core): shown as written unless known by name.
    const name =
      PRODUCTS[`${coordinate.vendor}/${coordinate.product.toLowerCase()}`] ??
      `${vendorName(coordinate.vendor)} ${coordinate.product}`;
    return ecosystem ? `${name} (${ecosystem})` : name;
  }
  if (ecosystem) return `${product} (${ecosystem})`;
  const v = vendor.trim();
  if (v.toLowerCase() === UNKNOWN_VENDOR) return `${product} (${UNKNOWN_VENDOR})`;
  if (v === '') return isPackageIdentifier(product) ? product : productName(product);
  const lv = vendorKey(v).replace(/_+/g, ' ');
  const lp = product.replace(/_+/g, ' ').trim().toLowerCase();
  // A namespaced package of its own vendor (composer's league/flysystem): its identifier.
  if (lp.startsWith(`${lv}/`)) return product;
  const p = productName(product);
  // The vendor is not repeated: "Zoom" for zoom/zoom, "Microsoft Windows" not "Microsoft Microsoft".
  if (lp === lv || lp.startsWith(`${lv} `)) return p;
  return `${vendorName(v)} ${p}`;
}

/** The update a software recommendation asks for: "Update GNU glibc" (docs/model.md, rule 7). */
export function softwareTitle(vendor: string, product: string): string {
  return `Update ${softwareName(vendor, product)}`;
}
