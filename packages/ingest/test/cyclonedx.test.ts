import { describe, expect, it } from 'vitest';
import { STATUS_CODES, type Snapshot } from '@exposure/score';
import { createContext, openSource } from '../src/context.js';
import { cycloneDxImporter, importCycloneDx } from '../src/formats/cyclonedx/index.js';
import { parsePurl } from '../src/formats/cyclonedx/components.js';
import { hasNonBaseMetrics, normaliseVector } from '../src/formats/cyclonedx/rating.js';
import { InputError } from '../src/messages.js';
import { fixture, tempDir, writeTemp } from './helpers.js';

/** Imports one file; returns the summary and the built snapshot (dated 2026-01-01 when it has no time). */
async function load(path: string, displayPath = path) {
  const ctx = await createContext(await openSource(path, displayPath));
  const summary = await importCycloneDx(ctx);
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  return { summary, snap: ctx.builder.build() };
}

/** Findings as plain rows: weakness, software `vendor|product|version` (or `-`), status. */
function rows(snap: Snapshot): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < snap.findings.count; i++) {
    const sw = snap.findings.software[i]!;
    const v = snap.findings.version[i]!;
    const software =
      sw < 0
        ? '-'
        : `${snap.software[sw]!.vendor}|${snap.software[sw]!.product}|${v < 0 ? '' : snap.strings[v]!}`;
    out.push([
      snap.devices[snap.findings.device[i]!]!.id,
      snap.weaknesses[snap.findings.weakness[i]!]!.id,
      software,
      STATUS_CODES[snap.findings.status[i]!]!,
    ]);
  }
  return out;
}

const bom = (vulnerabilities: unknown[], extra: Record<string, unknown> = {}) => ({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  metadata: { component: { 'bom-ref': 'app', type: 'application', name: 'app', version: '1.0' } },
  ...extra,
  vulnerabilities,
});

describe('cycloneDxImporter.detect', () => {
  it.each([
    ['{"bomFormat": "CycloneDX", "specVersion": "1.6"', true],
    [
      '{\n  "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json",\n  "bomFormat" :"CycloneDX"',
      true,
    ],
    ['{"version": "2.1.0", "runs": []}', false],
    ['{"bomFormat": "SPDX"}', false],
  ])('%j → %s', (head, want) => expect(cycloneDxImporter.detect(head)).toBe(want));
});

describe('CycloneDX BOM with vulnerabilities', () => {
  it('maps the subject, components, ratings and VEX states', async () => {
    const { snap, summary } = await load(fixture('cyclonedx', 'shop-bom-1.6.json'));
    expect(summary).toEqual({
      device: 'acme/shop@3.2.0',
      vulnerabilities: 7,
      findings: 7,
      unaffected: 2,
    });
    expect(snap.takenAt).toBe('2026-10-30T06:00:00.000Z');
    expect(snap.devices.map((d) => [d.id, d.name, d.os, d.lastSeen])).toEqual([
      ['acme/shop@3.2.0', 'acme/shop 3.2.0', 'debian 12.7', '2026-10-30T06:00:00.000Z'],
    ]);
    const d = 'acme/shop@3.2.0';
    expect(rows(snap)).toEqual([
      [d, 'CVE-2024-0001', 'org.example|template-engine|1.4.2', 'open'],
      [d, 'CVE-2024-0002', 'Jane Doe|left-pad|1.3.0', 'open'],
      [d, 'CVE-2024-0003', 'debian|libxml2|2.9.14+dfsg-1.3', 'open'],
      [d, 'CVE-2024-0004', '-', 'not_affected'],
      [d, 'CVE-2024-0005', 'acme|shop|3.2.0', 'fixed'],
      [d, 'CVE-2024-0006', '-', 'open'],
      [d, 'CVE-2024-0007', 'debian|openssl|3.0.11', 'not_affected'],
    ]);
    // No finding carries a fixed version: CycloneDX has no structured one.
    expect([...snap.findings.fixedVersion].every((x) => x < 0)).toBe(true);

    const w = Object.fromEntries(snap.weaknesses.map((x) => [x.id, x]));
    expect(w['CVE-2024-0001']).toMatchObject({
      kind: 'vulnerability',
      label: 'critical',
      description: 'Template injection in template-engine before 1.4.3.',
      published: '2024-01-15',
      cvss: [
        { version: '3.1', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        { version: '2.0', score: 7.5, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      ],
      severitySource: 'cvss3.1',
      references: [
        'https://nvd.nist.gov/vuln/detail/CVE-2024-0001',
        'https://example.org/advisories/2024-0001',
        'https://cwe.mitre.org/data/definitions/79.html',
      ],
      exploit: 'none',
    });
    expect(w['CVE-2024-0001']!.title).toBeUndefined();
    expect(w['CVE-2024-0001']!.severity).toBeCloseTo(0.98);
    // A GHSA keyed by its one CVE alias; osv-scanner's "CVSSv3" method with a 3.1 vector and no score.
    expect(w['CVE-2024-0002']).toMatchObject({
      title: 'Prototype pollution in left-pad',
      description: 'A crafted padding string pollutes Object.prototype.\n\nUpgrade to 1.3.1.',
      cvss: [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
      severitySource: 'cvss3.1',
      cvssUsed: { score: 7.5 },
    });
    expect(w['CVE-2024-0003']).toMatchObject({
      label: 'high',
      cvss: [],
      severitySource: 'label',
      severity: 0.8,
    });
    expect(w['CVE-2024-0004']).toMatchObject({ exploit: 'poc', severitySource: 'cvss3.1' });
    // OWASP is not CVSS: its severity word is the label.
    expect(w['CVE-2024-0005']).toMatchObject({
      label: 'medium',
      cvss: [],
      severitySource: 'label',
    });
    expect(w['CVE-2024-0006']).toMatchObject({
      severitySource: 'cvss4.0',
      cvssUsed: { version: '4.0', score: 9.3 },
    });
    // The supplier's environmental 0.0 "none" is not the base score: the vector's base score is used.
    expect(w['CVE-2024-0007']).toMatchObject({
      label: 'high',
      severitySource: 'cvss3.1',
      cvssUsed: { score: 7.5 },
    });
  });

  it.each([
    ['resolved', 'fixed'],
    ['resolved_with_pedigree', 'fixed'],
    ['not_affected', 'not_affected'],
    ['false_positive', 'not_affected'],
    ['exploitable', 'open'],
    ['in_triage', 'open'],
    [undefined, 'open'],
  ])('VEX analysis.state %s → %s', async (state, status) => {
    const analysis = state ? { analysis: { state, response: ['will_not_fix'] } } : {};
    const path = writeTemp(
      tempDir(),
      'vex.json',
      bom([{ id: 'CVE-2025-0001', ...analysis, affects: [{ ref: 'app' }] }]),
    );
    const { snap } = await load(path);
    expect(rows(snap).map((r) => r[3])).toEqual([status]);
  });

  it('names a standalone VEX device by its serial number, else by the file name', async () => {
    const dir = tempDir();
    const vuln = {
      id: 'CVE-2025-0002',
      affects: [{ ref: 'urn:cdx:0a6ed783-9138-4492-8d51-a4d02937ca69/1#product-x' }],
    };
    const serial = 'urn:uuid:0a6ed783-9138-4492-8d51-a4d02937ca69';
    const withSerial = await load(
      writeTemp(dir, 'a.vex.json', {
        bomFormat: 'CycloneDX',
        specVersion: '1.4',
        serialNumber: serial,
        vulnerabilities: [vuln],
      }),
      'vex/a.vex.json',
    );
    expect(withSerial.snap.devices.map((d) => [d.id, d.name])).toEqual([[serial, 'a']]);
    expect(rows(withSerial.snap)).toEqual([[serial, 'CVE-2025-0002', '-', 'open']]);
    const bare = await load(
      writeTemp(dir, 'product-x.cdx.json', {
        bomFormat: 'CycloneDX',
        specVersion: '1.4',
        vulnerabilities: [vuln],
      }),
      'in/product-x.cdx.json',
    );
    expect(bare.snap.devices.map((d) => d.id)).toEqual(['product-x']);
  });

  it('imports nothing from a plain SBOM without vulnerabilities[], and a clean device from an empty list', async () => {
    const dir = tempDir();
    const sbom = await load(
      writeTemp(dir, 'sbom.json', { bomFormat: 'CycloneDX', specVersion: '1.6', components: [] }),
    );
    expect(sbom.snap.devices).toHaveLength(0);
    const clean = await load(writeTemp(dir, 'clean.json', bom([])));
    expect(clean.snap.devices.map((d) => d.id)).toEqual(['app@1.0']);
    expect(clean.snap.findings.count).toBe(0);
  });

  it.each([
    [
      { ratings: [{ method: 'CVSSv31', score: '9.8' }] },
      '$.vulnerabilities[0].ratings[0].score',
      'should be a number',
    ],
    [
      { ratings: [{ method: 'CVSSv31', score: 11 }] },
      '$.vulnerabilities[0].ratings[0].score',
      'between 0 and 10',
    ],
    [
      { ratings: [{ severity: 'severe' }] },
      '$.vulnerabilities[0].ratings[0].severity',
      'not a CycloneDX severity',
    ],
    [
      { analysis: { state: 'patched' } },
      '$.vulnerabilities[0].analysis.state',
      'not a VEX analysis state',
    ],
    [
      { affects: [{ versions: [] }] },
      // Like every importer: the path of the missing field itself.
      '$.vulnerabilities[0].affects[0].ref',
      'missing the required field "ref"',
    ],
    [
      { affects: [{ ref: 'app', versions: [{ version: '1.0', status: 'fine' }] }] },
      '$.vulnerabilities[0].affects[0].versions[0].status',
      'not one of',
    ],
    [{ published: 'last tuesday' }, '$.vulnerabilities[0].published', 'not a valid ISO 8601 time'],
    [{ cwes: ['CWE-79'] }, '$.vulnerabilities[0].cwes[0]', 'CWE number'],
  ])('rejects %j with an InputError at its JSON path', async (patch, place, problem) => {
    const path = writeTemp(tempDir(), 'bad.json', bom([{ id: 'CVE-2025-0003', ...patch }]));
    const error = await load(path, 'bad.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('bad.json');
    expect((error as InputError).place).toBe(place);
    expect((error as InputError).problem).toContain(problem);
  });

  it('rejects a vulnerability without id, a wrong bomFormat and a non-array vulnerabilities', async () => {
    const dir = tempDir();
    const place = async (doc: object) =>
      ((await load(writeTemp(dir, 'x.json', doc)).catch((e: unknown) => e)) as InputError).place;
    expect(await place(bom([{ description: 'no id' }]))).toBe('$.vulnerabilities[0]');
    expect(await place({ ...bom([]), bomFormat: 'SPDX' })).toBe('$.bomFormat');
    expect(await place({ ...bom([]), vulnerabilities: {} })).toBe('$.vulnerabilities');
    expect(await place({ ...bom([]), metadata: { timestamp: 'soon' } })).toBe(
      '$.metadata.timestamp',
    );
  });
});

describe('CycloneDX helpers', () => {
  it.each([
    [
      'pkg:npm/%40babel/core@7.0.0',
      { type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0' },
    ],
    [
      'pkg:npm/@babel/core@7.0.0?x=1#sub',
      { type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0' },
    ],
    [
      'pkg:deb/debian/tar@1.30%2Bdfsg-6?arch=amd64',
      { type: 'deb', namespace: 'debian', name: 'tar', version: '1.30+dfsg-6' },
    ],
    ['pkg:composer/league/flysystem', { type: 'composer', namespace: 'league', name: 'flysystem' }],
    ['not-a-purl', undefined],
  ])('parsePurl(%s)', (purl, want) => expect(parsePurl(purl)).toEqual(want));

  it.each([
    ['3.1', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    [
      '3.0',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ],
    [
      '4.0',
      'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    ],
    ['2.0', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', 'AV:N/AC:L/Au:N/C:P/I:P/A:P'],
  ] as const)('normaliseVector %s %s', (version, vector, want) =>
    expect(normaliseVector(version, vector)).toBe(want),
  );

  it.each([
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', false],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/CR:X/MC:X', false],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N', true],
    ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P', true],
    ['3.1', 'CVSS:3.1/AAV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H', false],
    ['2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/CDP:H', true],
  ] as const)('hasNonBaseMetrics %s %s → %s', (version, vector, want) =>
    expect(hasNonBaseMetrics(version, vector)).toBe(want),
  );
});

describe('CycloneDX components without a purl', () => {
  it('take the vendor from group, publisher, supplier or manufacturer, else say "unknown vendor"', async () => {
    const { snap } = await load(fixture('cyclonedx', 'appliance-no-purl-1.6.json'));
    expect(rows(snap).map(([, weakness, software]) => [weakness, software])).toEqual([
      ['CVE-2023-42363', 'busybox.net|busybox|1.36.1'],
      ['CVE-2022-30790', 'DENX Software Engineering|u-boot|2022.01'],
      ['CVE-2023-43615', 'Trusted Firmware|mbedtls|2.28.1'],
      ['CVE-2023-2586', 'Quectel|EC25 firmware|EC25EFAR06A08M4G'],
      ['CVE-2022-37434', 'unknown vendor|zlib|1.2.11'],
    ]);
  });
});
