function titleCase(s: string): string {
  return s.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * Package ecosystems and distributions that scanners (Trivy, Grype, OSV-Scanner, npm audit) put
 * where a vendor would be. Their package names are case-sensitive identifiers, shown as written.
 */
const ECOSYSTEMS = new Set([
  'npm',
  'yarn',
  'pnpm',
  'node-pkg',
  'nodejs',
  'deb',
  'debian',
  'ubuntu',
  'alpine',
  'apk',
  'rpm',
  'redhat',
  'centos',
  'rocky',
  'alma',
  'almalinux',
  'amazon',
  'photon',
  'mariner',
  'cbl-mariner',
  'azurelinux',
  'wolfi',
  'chainguard',
  'suse',
  'opensuse',
  'sles',
  'pip',
  'pipenv',
  'poetry',
  'uv',
  'python',
  'python-pkg',
  'pypi',
  'conda',
  'gem',
  'gemspec',
  'bundler',
  'rubygems',
  'jar',
  'pom',
  'maven',
  'gradle',
  'java-archive',
  'sbt',
  'go',
  'gomod',
  'gobinary',
  'go-module',
  'golang',
  'cargo',
  'rust-binary',
  'rust-crate',
  'crates.io',
  'nuget',
  'dotnet-core',
  'dotnet-deps',
  'composer',
  'packagist',
  'conan',
  'cocoapods',
  'swift',
  'pub',
  'hex',
  'erlang-otp',
  'bitnami',
  'hackage',
  'cran',
  'github-action',
  'binary',
  'lang-pkg',
  'os-pkg',
  'linux-kernel',
  'linux-kernel-module',
]);

/** What importers put where a component names no vendor (CycloneDX without a purl). */
export const UNKNOWN_VENDOR = 'unknown vendor';

/**
 * How a person names the update: "Update Linux Kernel" for linux/linux_kernel (CPE-style names,
 * underscores read as spaces, the vendor not repeated), "Update Zoom" for zoom/zoom, and
 * "Update lodash (npm)" when the vendor is a package ecosystem.
 */
export function softwareTitle(vendor: string, product: string): string {
  if (ECOSYSTEMS.has(vendor.toLowerCase())) return `Update ${product} (${vendor})`;
  // An importer's stand-in for a component that names no organization: said, not title-cased in.
  if (vendor.toLowerCase() === UNKNOWN_VENDOR)
    return `Update ${titleCase(product)} (${UNKNOWN_VENDOR})`;
  const v = vendor.replace(/_+/g, ' ').trim();
  const p = product.replace(/_+/g, ' ').trim();
  const lp = p.toLowerCase();
  const lv = v.toLowerCase();
  const named = v === '' || lp === lv || lp.startsWith(`${lv} `) ? p : `${v} ${p}`;
  return `Update ${titleCase(named)}`;
}
