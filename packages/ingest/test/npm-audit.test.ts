import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/messages.js';
import { grypeImporter } from '../src/formats/grype/index.js';
import { npmAuditImporter, upperBounds } from '../src/formats/npm-audit/index.js';
import { osvScannerImporter } from '../src/formats/osv-scanner/index.js';
import { deviceFromFileName } from '../src/formats/shared/fields.js';
import { trivyImporter } from '../src/formats/trivy/index.js';
import { load, tempJson, weakness } from './scanner-helpers.js';

const FIXTURES = new URL('./fixtures/npm-audit/', import.meta.url).pathname;

describe('npm audit importer: auditReportVersion 2', () => {
  it('makes the project (named after the file) the device; the report has no time', async () => {
    const { snapshot, takenAt } = await load(
      npmAuditImporter,
      FIXTURES + 'webapp.json',
      'audits/webapp.json',
    );
    expect(takenAt).toBeUndefined();
    expect(snapshot.devices.map((d) => [d.id, d.name, d.value])).toEqual([
      ['webapp', 'webapp', 'normal'],
    ]);
  });

  it('one finding per advisory, on the package that has it', async () => {
    const { findings } = await load(npmAuditImporter, FIXTURES + 'webapp.json', 'webapp.json');
    const d = 'webapp';
    expect(findings).toEqual([
      // fixAvailable names express, not body-parser: the advisory range gives body-parser's fix.
      {
        device: d,
        weakness: 'GHSA-qwcr-r2fm-qrc7',
        software: 'npm/body-parser',
        fixedVersion: '1.20.3',
        status: 'open',
      },
      // express is also reached through body-parser (a via string): no second finding for that.
      {
        device: d,
        weakness: 'GHSA-qw6h-vgh9-j6wx',
        software: 'npm/express',
        fixedVersion: '4.21.2',
        status: 'open',
      },
      {
        device: d,
        weakness: 'npm-1179',
        software: 'npm/minimist',
        fixedVersion: '1.2.3',
        status: 'open',
      },
      {
        device: d,
        weakness: 'GHSA-c2qf-rxjj-qqgw',
        software: 'npm/semver',
        fixedVersion: '7.5.2',
        status: 'open',
      },
      // "<=5.26.2" names no unaffected version.
      { device: d, weakness: 'GHSA-wqq4-5wpv-mx2g', software: 'npm/undici', status: 'open' },
    ]);
  });

  it('maps advisories: title, label, CVSS, url', async () => {
    const { snapshot } = await load(npmAuditImporter, FIXTURES + 'webapp.json');
    expect(weakness(snapshot, 'GHSA-qwcr-r2fm-qrc7')).toMatchObject({
      kind: 'vulnerability',
      title: 'body-parser vulnerable to denial of service when url encoding is enabled',
      label: 'high',
      cvss: [
        { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
      ],
      references: ['https://github.com/advisories/GHSA-qwcr-r2fm-qrc7'],
    });
    // moderate → medium; {score: 0, vectorString: null} is no CVSS at all.
    expect(weakness(snapshot, 'GHSA-c2qf-rxjj-qqgw')).toMatchObject({
      label: 'medium',
      cvss: [],
      severity: 0.55,
    });
    expect(weakness(snapshot, 'npm-1179')).toMatchObject({ label: 'low', cvss: [] });
  });
});

describe('npm audit importer: npm 6 format', () => {
  it('reads advisories with their installed versions', async () => {
    const { snapshot, findings } = await load(
      npmAuditImporter,
      FIXTURES + 'legacy-npm6.json',
      'legacy-npm6.json',
    );
    expect(findings).toEqual([
      {
        device: 'legacy-npm6',
        weakness: 'CVE-2020-7598',
        software: 'npm/minimist',
        version: '1.2.0',
        fixedVersion: '1.2.3',
        status: 'open',
      },
      {
        device: 'legacy-npm6',
        weakness: 'CVE-2020-7598',
        software: 'npm/minimist',
        version: '0.0.8',
        fixedVersion: '0.2.1',
        status: 'open',
      },
      {
        device: 'legacy-npm6',
        weakness: 'GHSA-p6mc-m468-83gw',
        software: 'npm/lodash',
        version: '4.17.15',
        fixedVersion: '4.17.19',
        status: 'open',
      },
    ]);
    expect(weakness(snapshot, 'CVE-2020-7598')).toMatchObject({
      title: 'Prototype Pollution',
      description: 'Affected versions of `minimist` are vulnerable to prototype pollution.',
      label: 'low',
      published: '2020-03-11',
    });
  });
});

describe('npm audit importer: bad input and helpers', () => {
  it('names the JSON path of what is wrong', async () => {
    const noSource = tempJson({
      auditReportVersion: 2,
      vulnerabilities: { a: { via: [{ title: 't', url: 'https://example.com' }] } },
    });
    await expect(load(npmAuditImporter, noSource, 'audit.json')).rejects.toThrow(
      new InputError(
        'audit.json',
        '$.vulnerabilities.a.via[0].source',
        'is missing the required field "source"',
      ),
    );
    const badVia = tempJson({ auditReportVersion: 2, vulnerabilities: { a: { via: 'b' } } });
    await expect(load(npmAuditImporter, badVia, 'audit.json')).rejects.toThrow(
      /\$\.vulnerabilities\.a\.via\): should be an array, found the string "b"/,
    );
    const version = tempJson({ auditReportVersion: 3, vulnerabilities: {} });
    await expect(load(npmAuditImporter, version, 'audit.json')).rejects.toThrow(
      /auditReportVersion 3 is not supported/,
    );
    const noModule = tempJson({ actions: [], advisories: { '1': { id: 1, findings: [] } } });
    await expect(load(npmAuditImporter, noModule, 'audit.json')).rejects.toThrow(
      /\$\.advisories\["1"\]\.module_name\): is missing/,
    );
  });

  it('names the device after the file, or its folder for a generic file name', () => {
    expect(deviceFromFileName('audits/webapp.json')).toBe('webapp');
    expect(deviceFromFileName('webapp/npm-audit.json')).toBe('webapp');
    expect(deviceFromFileName('api/audit.json.gz')).toBe('api');
    expect(deviceFromFileName('2026-11-01/npm-audit.json')).toBe('npm-audit');
    expect(deviceFromFileName('npm-audit.json')).toBe('npm-audit');
  });

  it('reads fixed versions from affected ranges', () => {
    expect(upperBounds('<0.2.1 || >=1.0.0 <1.2.3')).toEqual(['0.2.1', '1.2.3']);
    expect(upperBounds('>=5.0.0 <=5.26.2')).toEqual([]);
    expect(upperBounds('*')).toEqual([]);
  });
});

describe('npm audit detection', () => {
  it('recognises both formats', () => {
    expect(
      npmAuditImporter.detect(readFileSync(FIXTURES + 'webapp.json', 'utf8').slice(0, 40)),
    ).toBe(true);
    const legacy = readFileSync(FIXTURES + 'legacy-npm6.json', 'utf8');
    expect(npmAuditImporter.detect(legacy)).toBe(true);
    expect(npmAuditImporter.detect(legacy.slice(0, legacy.indexOf('"advisories"')))).toBe(true);
  });

  it('does not claim the other scanners, nor do they claim it', () => {
    expect(npmAuditImporter.detect('{"bomFormat":"CycloneDX","vulnerabilities":[]}')).toBe(false);
    expect(npmAuditImporter.detect('{"SchemaVersion": 2, "ArtifactName": "x"}')).toBe(false);
    const text = readFileSync(FIXTURES + 'webapp.json', 'utf8');
    for (const other of [trivyImporter, grypeImporter, osvScannerImporter])
      expect(other.detect(text)).toBe(false);
  });
});
