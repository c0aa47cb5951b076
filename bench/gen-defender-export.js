#!/usr/bin/env node
/**
 * Writes a Microsoft Defender "via files" software vulnerabilities export part for benchmarks:
 * gzip JSON lines, one PascalCase assessment record per line, as the files behind
 * `GET /api/machines/SoftwareVulnerabilitiesExport` `exportFiles[]` are.
 *
 *   node bench/gen-defender-export.js [lines=1000000] [out=bench/data/defender-export.json.gz]
 *
 * Deterministic (fixed seed): a fleet of lines/50 devices, each with software from a catalogue of
 * 400 products and vulnerabilities drawn from 8,000 ids, with times, paths and null fields in the
 * proportions Microsoft's examples show. Also exported as a function for other scripts.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

/** mulberry32: a tiny seeded PRNG, so that every run writes the same file. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VENDORS = [
  'microsoft',
  'google',
  'mozilla',
  'adobe',
  'oracle',
  'zoom',
  'slack',
  'vmware',
  'apache',
  'openssl',
];
const SEVERITIES = ['Low', 'Medium', 'Medium', 'High', 'High', 'Critical'];
const LEVELS = [
  'NoExploit',
  'NoExploit',
  'NoExploit',
  'NoExploit',
  'ExploitIsPublic',
  'ExploitIsVerified',
  'ExploitIsInKit',
];
const GROUPS = ['Finance', 'Sales', 'Engineering', 'Servers', 'UnassignedGroup', 'Kiosks'];
const PLATFORMS = [
  ['Windows10', '10.0.19045.3570'],
  ['Windows11', '10.0.22621.2428'],
  ['WindowsServer2019', '10.0.17763.5122'],
  ['Linux', '5.15.0-88-generic'],
];

const hex = (rand, n) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const pad = (n) => String(n).padStart(2, '0');
const time = (rand) =>
  `2023-${pad(1 + Math.floor(rand() * 11))}-${pad(1 + Math.floor(rand() * 28))} ` +
  `${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`;

/** Writes `lines` records to `out` (gzip); resolves to the number of bytes before compression. */
export async function generateDefenderExport(
  lines = 1_000_000,
  out = 'bench/data/defender-export.json.gz',
  seed = 7,
) {
  const rand = prng(seed);
  const products = Array.from({ length: 400 }, (_, i) => {
    const vendor = VENDORS[i % VENDORS.length];
    return {
      vendor,
      name: `${vendor === 'microsoft' ? 'windows_component' : 'app'}_${i}`,
      version: `${1 + (i % 30)}.${i % 10}.${i}.0`,
    };
  });
  const cves = Array.from({ length: 8000 }, (_, i) => ({
    id:
      i % 50 === 0
        ? `TVM-2023-${String(i).padStart(4, '0')}`
        : `CVE-${2015 + (i % 9)}-${10000 + i}`,
    severity: SEVERITIES[i % SEVERITIES.length],
    cvss: i % 7 === 0 ? null : Math.round((2 + (i % 80) / 10) * 10) / 10,
    level: LEVELS[i % LEVELS.length],
  }));
  const deviceCount = Math.max(1, Math.floor(lines / 50));
  const devices = Array.from({ length: deviceCount }, (_, i) => {
    const [platform, version] = PLATFORMS[i % PLATFORMS.length];
    return {
      id: hex(rand, 40),
      name: `ComputerPII_${hex(rand, 40)}.DomainPII_${hex(rand, 40)}.corp.contoso.com`,
      group: GROUPS[i % GROUPS.length],
      platform,
      version,
      seen: time(rand),
    };
  });

  mkdirSync(dirname(resolve(out)), { recursive: true });
  const gzip = createGzip({ level: 6 });
  const file = createWriteStream(out);
  gzip.pipe(file);
  let bytes = 0;
  for (let n = 0; n < lines; n++) {
    const d = devices[Math.floor(n / 50) % deviceCount];
    const p = products[Math.floor(rand() * products.length)];
    const c = cves[Math.floor(rand() * cves.length)];
    const fixed =
      rand() < 0.6
        ? p.vendor === 'microsoft'
          ? String(5000000 + Math.floor(rand() * 99999))
          : `${p.version.split('.')[0]}.9.9.9`
        : null;
    const line =
      JSON.stringify({
        Id: `${d.id}_${p.name}_${p.version}_${c.id}`,
        DeviceId: d.id,
        DeviceName: d.name,
        RbacGroupName: d.group,
        OSPlatform: d.platform,
        OSVersion: d.version,
        OSArchitecture: 'x64',
        SoftwareVendor: p.vendor,
        SoftwareName: p.name,
        SoftwareVersion: p.version,
        CveId: c.id,
        CvssScore: c.cvss,
        VulnerabilitySeverityLevel: c.severity,
        RecommendedSecurityUpdate: fixed,
        RecommendedSecurityUpdateId: fixed,
        RecommendedSecurityUpdateUrl: fixed && `https://support.microsoft.com/help/${fixed}`,
        DiskPaths: [`C:\\Program Files\\${p.vendor}\\${p.name}\\${p.name}.exe`],
        RegistryPaths: [
          `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${p.name}`,
        ],
        LastSeenTimestamp: rand() < 0.9 ? d.seen : time(rand),
        FirstSeenTimestamp: time(rand),
        ExploitabilityLevel: c.level,
        RecommendationReference: `va-_-${p.vendor}-_-${p.name}`,
        SecurityUpdateAvailable: fixed !== null,
      }) + '\n';
    bytes += Buffer.byteLength(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(file, 'close');
  return bytes;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = Number(process.argv[2] ?? 1_000_000);
  const out = process.argv[3] ?? 'bench/data/defender-export.json.gz';
  const started = Date.now();
  const bytes = await generateDefenderExport(lines, out);
  console.log(
    `${out}: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB uncompressed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
