import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/messages.js';
import { grypeImporter } from '../src/formats/grype/index.js';
import { npmAuditImporter } from '../src/formats/npm-audit/index.js';
import { osvScannerImporter } from '../src/formats/osv-scanner/index.js';
import { trivyImporter } from '../src/formats/trivy/index.js';
import { load, tempJson, weakness } from './scanner-helpers.js';

const FIXTURE = new URL('./fixtures/osv-scanner/project.json', import.meta.url).pathname;
const LOCK = '/src/shop/package-lock.json';

describe('osv-scanner importer', () => {
  it('makes each scanned source a device; the report has no time', async () => {
    const { snapshot, takenAt } = await load(osvScannerImporter, FIXTURE);
    expect(takenAt).toBeUndefined();
    expect(snapshot.devices.map((d) => [d.id, d.name, d.value])).toEqual([
      [LOCK, LOCK, 'normal'],
      ['/src/shop/go.mod', '/src/shop/go.mod', 'normal'],
      ['/src/legacy/requirements.txt', '/src/legacy/requirements.txt', 'normal'],
      ['/src/vendored-tool', '/src/vendored-tool', 'normal'],
    ]);
  });

  it('one finding per group, named by its CVE when it has exactly one', async () => {
    const { findings } = await load(osvScannerImporter, FIXTURE);
    expect(findings).toEqual([
      {
        device: LOCK,
        weakness: 'CVE-2021-23337',
        software: 'npm/lodash',
        version: '4.17.20',
        fixedVersion: '4.17.21',
        status: 'open',
      },
      // Two advisories, three CVEs: the group keeps its first OSV id; the fix must close both records.
      {
        device: LOCK,
        weakness: 'GHSA-q7rv-6hp3-vh96',
        software: 'packagist/guzzlehttp/psr7',
        version: '1.6.1',
        fixedVersion: '1.9.1',
        status: 'open',
      },
      // called: false stays open.
      {
        device: '/src/shop/go.mod',
        weakness: 'CVE-2024-45336',
        software: 'go/stdlib',
        version: '1.23.4',
        fixedVersion: '1.23.5',
        status: 'open',
      },
      // v1 report without groups[]: the two alias records are grouped here.
      {
        device: '/src/legacy/requirements.txt',
        weakness: 'CVE-2023-32681',
        software: 'pypi/requests',
        version: '2.25.1',
        fixedVersion: '2.31.0',
        status: 'open',
      },
      // A git commit has no package name: no software.
      { device: '/src/vendored-tool', weakness: 'OSV-2023-1174', status: 'open' },
    ]);
  });

  it('maps records: summary, details, database severity, CVSS vectors, earliest publication', async () => {
    const { snapshot } = await load(osvScannerImporter, FIXTURE);
    const lodash = weakness(snapshot, 'CVE-2021-23337');
    expect(lodash).toMatchObject({
      kind: 'vulnerability',
      title: 'Command Injection in lodash',
      label: 'high',
      published: '2021-05-06',
      references: [
        'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
        'https://github.com/lodash/lodash',
      ],
    });
    expect(lodash.cvss).toEqual([
      { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
      { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
    ]);
    // The vector is scored by the score package: CVSS 4.0 is preferred.
    expect(lodash.cvssUsed).toMatchObject({ version: '4.0', score: 8.6 });

    expect(weakness(snapshot, 'GHSA-q7rv-6hp3-vh96')).toMatchObject({
      label: 'medium',
      published: '2022-03-25',
      title: 'Improper Input Validation in guzzlehttp/psr7',
    });
    expect(weakness(snapshot, 'CVE-2024-45336')).toMatchObject({
      severitySource: 'unknown',
      published: '2025-01-28',
    });
    expect(weakness(snapshot, 'CVE-2023-32681')).toMatchObject({
      title: 'Unintended leak of Proxy-Authorization header in requests',
      description: 'Requests is a HTTP library.',
      label: 'medium',
    });
    expect(snapshot.weaknesses.map((w) => w.id)).not.toContain('PYSEC-2023-74');
  });

  it('names the vendor after the ecosystem without its release', async () => {
    const path = tempJson({
      results: [
        {
          source: { path: '/var/lib/dpkg/status', type: 'os' },
          packages: [
            {
              package: { name: 'openssl', version: '3.0.11-1~deb12u1', ecosystem: 'Debian:12' },
              vulnerabilities: [
                {
                  id: 'DSA-5532-1',
                  aliases: ['CVE-2023-5363'],
                  affected: [
                    {
                      package: { name: 'openssl', ecosystem: 'Debian:12' },
                      ranges: [
                        {
                          type: 'ECOSYSTEM',
                          events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const { findings } = await load(osvScannerImporter, path, 'os.json');
    expect(findings).toEqual([
      {
        device: '/var/lib/dpkg/status',
        weakness: 'CVE-2023-5363',
        software: 'debian/openssl',
        version: '3.0.11-1~deb12u1',
        fixedVersion: '3.0.11-1~deb12u2',
        status: 'open',
      },
    ]);
  });

  it('names the JSON path of what is wrong', async () => {
    const noPath = tempJson({ results: [{ source: { type: 'lockfile' }, packages: [] }] });
    await expect(load(osvScannerImporter, noPath, 'osv.json')).rejects.toThrow(
      new InputError(
        'osv.json',
        '$.results[0].source.path',
        'is missing the required field "path"',
      ),
    );
    const badSeverity = tempJson({
      results: [
        {
          source: { path: 'a' },
          packages: [
            {
              package: { name: 'x' },
              vulnerabilities: [{ id: 'X-1', severity: { type: 'CVSS_V3' } }],
            },
          ],
        },
      ],
    });
    await expect(load(osvScannerImporter, badSeverity, 'osv.json')).rejects.toThrow(
      /\$\.results\[0\]\.packages\[0\]\.vulnerabilities\[0\]\.severity\): should be an array, found an object/,
    );
    const noId = tempJson({
      results: [
        {
          source: { path: 'a' },
          packages: [{ package: { name: 'x' }, vulnerabilities: [{ summary: 's' }] }],
        },
      ],
    });
    await expect(load(osvScannerImporter, noId, 'osv.json')).rejects.toThrow(
      /\$\.results\[0\]\.packages\[0\]\.vulnerabilities\[0\]\.id\): is missing/,
    );
  });
});

describe('osv-scanner detection', () => {
  it('recognises reports, empty ones included', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    expect(osvScannerImporter.detect(text)).toBe(true);
    expect(osvScannerImporter.detect(text.slice(0, 200))).toBe(true);
    expect(osvScannerImporter.detect('{\n  "results": [],\n  "experimental_config": {}\n}')).toBe(
      true,
    );
  });

  it('does not claim SARIF or the other scanners, nor do they claim it', () => {
    expect(
      osvScannerImporter.detect(
        '{"version":"2.1.0","runs":[{"results":[{"ruleId":"x","locations":[{"physicalLocation":{}}]}],"source":{},"packages":[]}]}',
      ),
    ).toBe(false);
    expect(osvScannerImporter.detect('{"matches":[],"source":{"target":"x"},"distro":{}}')).toBe(
      false,
    );
    expect(osvScannerImporter.detect('{"auditReportVersion":2,"vulnerabilities":{}}')).toBe(false);
    const text = readFileSync(FIXTURE, 'utf8');
    for (const other of [trivyImporter, grypeImporter, npmAuditImporter])
      expect(other.detect(text)).toBe(false);
  });
});
