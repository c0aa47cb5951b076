import { describe, expect, it } from 'vitest';
import { STATUS_CODES, type Snapshot } from '@exposure/score';
import { createContext, openSource } from '../src/context.js';
import { importSarif, sarifImporter } from '../src/formats/sarif/index.js';
import { isAdvisoryId, preferredWeaknessId } from '../src/formats/shared/advisory-ids.js';
import { repositoryId } from '../src/formats/sarif/device.js';
import { packageFromMessage } from '../src/formats/sarif/software.js';
import { InputError } from '../src/messages.js';
import { fixture, tempDir, writeTemp } from './helpers.js';

async function load(path: string, displayPath = path) {
  const ctx = await createContext(await openSource(path, displayPath));
  const summary = await importSarif(ctx);
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  return { summary, snap: ctx.builder.build() };
}

/** Findings as plain rows: device, weakness, software `vendor|product|version` (or `-`), fixed version, status. */
function rows(snap: Snapshot): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < snap.findings.count; i++) {
    const sw = snap.findings.software[i]!;
    const v = snap.findings.version[i]!;
    const fixed = snap.findings.fixedVersion[i]!;
    out.push([
      snap.devices[snap.findings.device[i]!]!.id,
      snap.weaknesses[snap.findings.weakness[i]!]!.id,
      sw < 0
        ? '-'
        : `${snap.software[sw]!.vendor}|${snap.software[sw]!.product}|${v < 0 ? '' : snap.strings[v]!}`,
      fixed < 0 ? '-' : snap.strings[fixed]!,
      STATUS_CODES[snap.findings.status[i]!]!,
    ]);
  }
  return out;
}

const weakness = (snap: Snapshot, id: string) => snap.weaknesses.find((w) => w.id === id);

const log = (results: unknown[], rules: unknown[] = [], run: Record<string, unknown> = {}) => ({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'Tool', rules } }, results, ...run }],
});

describe('sarifImporter.detect', () => {
  it.each([
    ['{"version": "2.1.0", "runs": [', true],
    [
      '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0"',
      true,
    ],
    ['{"version": "2.1.0", "components": []}', false],
    ['{"bomFormat": "CycloneDX", "specVersion": "1.6"}', false],
  ])('%j → %s', (head, want) => expect(sarifImporter.detect(head)).toBe(want));
});

describe('SARIF code scanning (CodeQL, Semgrep)', () => {
  it('keeps security results, one device for runs on one repository, and maps suppressions and baseline', async () => {
    const { snap, summary } = await load(fixture('sarif', 'code-scanning-two-runs.sarif'));
    expect(summary).toEqual({
      runs: 2,
      results: 7,
      imported: 5,
      skipped: 2,
      devices: ['github.com/acme/shop'],
    });
    expect(snap.takenAt).toBe('2026-10-31T09:00:00.000Z');
    expect(snap.devices.map((d) => [d.id, d.name, d.lastSeen])).toEqual([
      ['github.com/acme/shop', 'github.com/acme/shop', '2026-10-31T09:00:00.000Z'],
    ]);
    const d = 'github.com/acme/shop';
    const semgrep = 'javascript.express.security.audit.xss.direct-response-write';
    expect(rows(snap)).toEqual([
      [d, 'js/sql-injection', '-', '-', 'open'],
      [d, 'js/sql-injection', '-', '-', 'exception'],
      [d, 'js/sql-injection', '-', '-', 'fixed'],
      [d, 'js/reflected-xss', '-', '-', 'exception'],
      [d, semgrep, '-', '-', 'open'],
    ]);
    // A code finding's security-severity is CWE-based, not CVSS: only its band becomes the label.
    expect(weakness(snap, 'js/sql-injection')).toMatchObject({
      kind: 'vulnerability',
      title: 'Database query built from user-controlled sources',
      description:
        'Building a database query from user-controlled sources is vulnerable to insertion of malicious code by the user.',
      label: 'high',
      cvss: [],
      severitySource: 'label',
      references: [
        'https://codeql.github.com/codeql-query-help/javascript/js-sql-injection/',
        'https://cwe.mitre.org/data/definitions/89.html',
      ],
    });
    expect(weakness(snap, 'js/reflected-xss')).toMatchObject({
      label: 'medium',
      references: ['https://cwe.mitre.org/data/definitions/79.html'],
    });
    expect(weakness(snap, semgrep)).toMatchObject({ label: 'high', severitySource: 'label' });
    expect(weakness(snap, 'js/unused-local-variable')).toBeUndefined();
  });
});

describe('SARIF advisories (Trivy, osv-scanner, govulncheck)', () => {
  it('reads Trivy: image device, CVSS properties, package and fixed version from the message', async () => {
    const { snap, summary } = await load(fixture('sarif', 'trivy-image.sarif.json'));
    expect(summary).toMatchObject({
      results: 3,
      imported: 3,
      skipped: 0,
      devices: ['registry.example.com/shop:1.4'],
    });
    const d = 'registry.example.com/shop:1.4';
    expect(rows(snap)).toEqual([
      [d, 'CVE-2024-1111', '|com.alibaba:fastjson|1.2.24', '1.2.83', 'open'],
      [d, 'CVE-2024-2222', '|zlib1g|1:1.2.13.dfsg-1', '-', 'open'],
      [d, 'DS002', '-', '-', 'open'],
    ]);
    expect(weakness(snap, 'CVE-2024-1111')).toMatchObject({
      label: 'critical',
      cvss: [
        { version: '3.1', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      ],
      severitySource: 'cvss3.1',
      references: ['https://avd.aquasec.com/nvd/cve-2024-1111'],
    });
    // An advisory's bare security-severity is its CVSS base score.
    expect(weakness(snap, 'CVE-2024-2222')).toMatchObject({
      label: 'medium',
      cvss: [{ version: '3.1', score: 5.5 }],
      severity: 0.55,
    });
    expect(weakness(snap, 'DS002')).toMatchObject({
      kind: 'configuration',
      label: 'high',
      cvss: [],
    });
  });

  it('reads osv-scanner and govulncheck: CVE aliases, npm scopes, severity words and levels', async () => {
    const { snap, summary } = await load(fixture('sarif', 'advisories.sarif.json'));
    expect(summary).toMatchObject({
      results: 4,
      imported: 3,
      skipped: 1,
      devices: ['/home/ci/shop'],
    });
    const d = '/home/ci/shop';
    expect(rows(snap)).toEqual([
      [d, 'CVE-2025-3333', '|@scope/pkg|1.0.0', '-', 'open'],
      [d, 'GO-2026-0001', '-', '-', 'open'],
      [d, 'PYSEC-2024-17', '-', '-', 'open'],
    ]);
    expect(weakness(snap, 'CVE-2025-3333')).toMatchObject({
      label: 'high',
      cvss: [{ version: '3.1', score: 7.5 }],
    });
    // Two CVE aliases are ambiguous: the advisory keeps its id. No severity: level error → high.
    expect(weakness(snap, 'GO-2026-0001')).toMatchObject({
      label: 'high',
      severitySource: 'label',
    });
    expect(weakness(snap, 'PYSEC-2024-17')).toMatchObject({
      label: 'medium',
      title: 'PYSEC-2024-17 - requests leaks Proxy-Authorization headers',
    });
  });

  it('falls back to the file name for the device', async () => {
    const path = writeTemp(
      tempDir(),
      'scan.sarif',
      log([{ ruleId: 'CVE-2025-1000', message: { text: 'x' } }]),
    );
    const { snap } = await load(path, 'reports/scan.sarif');
    expect(snap.devices.map((x) => x.id)).toEqual(['scan']);
  });
});

describe('SARIF errors name the JSON path', () => {
  const rule = (properties: unknown) => [{ id: 'r1', properties }];
  it.each([
    [
      log([], rule({ 'security-severity': '11' })),
      '$.runs[0].tool.driver.rules[0].properties["security-severity"]',
      'from 0 to 10',
    ],
    [
      log([], rule({ 'security-severity': 'dangerous' })),
      '$.runs[0].tool.driver.rules[0].properties["security-severity"]',
      'severity word',
    ],
    [
      log([], rule({ 'security-severity': [7] })),
      '$.runs[0].tool.driver.rules[0].properties["security-severity"]',
      'number from 0 to 10',
    ],
    [
      log([{ ruleId: 'CVE-2025-1000', level: 'fatal', message: { text: 'x' } }]),
      '$.runs[0].results[0].level',
      'not a SARIF level',
    ],
    [
      log([{ ruleId: 'CVE-2025-1000', message: 'x' }]),
      '$.runs[0].results[0].message',
      'should be an object',
    ],
    [
      log([{ ruleId: 'CVE-2025-1000', message: { text: 'x' } }], [], {
        invocations: [{ endTimeUtc: 'yesterday' }],
      }),
      '$.runs[0].invocations[0].endTimeUtc',
      'ISO 8601',
    ],
    [{ version: '2.0.0', runs: [] }, '$.version', 'SARIF 2.1.0'],
    [{ version: '2.1.0' }, '$.runs', 'runs array'],
    [{ version: '2.1.0', runs: [{ results: [] }] }, '$.runs[0]', '"tool"'],
  ])('%#: %s', async (doc, place, problem) => {
    const error = await load(writeTemp(tempDir(), 'bad.sarif', doc), 'bad.sarif').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('bad.sarif');
    expect((error as InputError).place).toBe(place);
    expect((error as InputError).problem).toContain(problem);
  });
});

describe('SARIF helpers', () => {
  it.each([
    ['CVE-2021-44228', true],
    ['GHSA-jfh8-c2jp-5v3q', true],
    ['GO-2022-0969', true],
    ['PYSEC-2021-59', true],
    ['RUSTSEC-2021-0078', true],
    ['OSV-2020-111', true],
    ['DSA-5021-1', true],
    ['py/sql-injection', false],
    ['CVE-2021', false],
    ['DS002', false],
  ])('isAdvisoryId(%s) → %s', (id, want) => expect(isAdvisoryId(id)).toBe(want));

  it('prefers the one CVE alias', () => {
    expect(
      preferredWeaknessId('GHSA-jfh8-c2jp-5v3q', ['cve-2021-44228', 'GHSA-jfh8-c2jp-5v3q']),
    ).toBe('CVE-2021-44228');
    expect(preferredWeaknessId('GO-2026-0001', ['CVE-2026-1', 'CVE-2026-2'])).toBe('GO-2026-0001');
    expect(preferredWeaknessId('cve-2021-44228', [])).toBe('CVE-2021-44228');
  });

  it.each([
    ['https://github.com/acme/shop.git', 'github.com/acme/shop'],
    ['git@github.com:acme/shop.git', 'github.com/acme/shop'],
    ['https://dev.azure.com/acme/shop/_git/shop/', 'dev.azure.com/acme/shop/_git/shop'],
  ])('repositoryId(%s)', (uri, want) => expect(repositoryId(uri)).toBe(want));

  it.each([
    [
      'Package: libssl1.1\nInstalled Version: 1.1.1c-r0\nVulnerability CVE-2019-1549\nSeverity: MEDIUM\nFixed Version: 1.1.1d-r0\nLink: [x](y)',
      { software: { product: 'libssl1.1', version: '1.1.1c-r0' }, fixedVersion: '1.1.1d-r0' },
    ],
    [
      "Package 'ansi-html@0.0.1' is vulnerable to 'CVE-2021-23424' (also known as 'GHSA-whgm-jr23-g3j9').",
      { software: { product: 'ansi-html', version: '0.0.1' } },
    ],
    [
      'A high vulnerability in deb package: libssl1.1, version 1.1.1n-0+deb11u3 was found at: /var/lib/dpkg/status',
      { software: { vendor: 'deb', product: 'libssl1.1', version: '1.1.1n-0+deb11u3' } },
    ],
    ['Your code calls vulnerable functions in 1 package (html/template).', undefined],
  ])('packageFromMessage %#', (text, want) => expect(packageFromMessage(text)).toEqual(want));
});
