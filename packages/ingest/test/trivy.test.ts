import { describe, expect, it } from 'vitest';
import { InputError } from '../src/messages.js';
import { trivyCheckId, trivyImporter } from '../src/formats/trivy/index.js';
import { grypeImporter } from '../src/formats/grype/index.js';
import { npmAuditImporter } from '../src/formats/npm-audit/index.js';
import { osvScannerImporter } from '../src/formats/osv-scanner/index.js';
import { load, tempJson, weakness } from './scanner-helpers.js';

const FIXTURES = new URL('./fixtures/trivy/', import.meta.url).pathname;
const IMAGE = 'registry.example.com/shop/web:1.4.2';

describe('trivy importer: image report', () => {
  it('makes the artifact the device, with its OS and the report time', async () => {
    const { snapshot, takenAt } = await load(trivyImporter, FIXTURES + 'image.json');
    expect(takenAt).toBe('2026-10-31T21:10:00.123Z');
    expect(snapshot.devices).toEqual([
      expect.objectContaining({ id: IMAGE, name: IMAGE, os: 'alpine 3.18.4', value: 'normal' }),
    ]);
  });

  it('maps vulnerabilities: label, the severity source vendor CVSS, published date', async () => {
    const { snapshot } = await load(trivyImporter, FIXTURES + 'image.json');
    const openssl = weakness(snapshot, 'CVE-2023-5363');
    expect(openssl).toMatchObject({
      kind: 'vulnerability',
      label: 'high',
      title: 'openssl: Incorrect cipher key and IV length processing',
      published: '2023-10-25',
      severity: 0.75,
    });
    // SeveritySource nvd: NVD's 7.5, not Red Hat's 5.9.
    expect(openssl.cvss).toEqual([
      { version: '3.1', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
    ]);
    expect(openssl.references).toEqual([
      'https://avd.aquasec.com/nvd/cve-2023-5363',
      'https://www.openssl.org/news/secadv/20231024.txt',
    ]);
    // UNKNOWN severity is no label at all.
    expect(weakness(snapshot, 'CVE-2023-42363').label).toBeUndefined();
    expect(weakness(snapshot, 'CVE-2023-42363').severitySource).toBe('unknown');
    // Go's zero time is no date.
    expect(weakness(snapshot, 'CVE-2023-42364').published).toBeUndefined();
    // SeveritySource ghsa: its CVSS 4.0 entry, not Red Hat's 3.1.
    expect(weakness(snapshot, 'CVE-2025-66614').cvss).toEqual([
      {
        version: '4.0',
        score: 6.3,
        vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
      },
    ]);
  });

  it('maps findings: software from Type, fixed version, Trivy status vocabulary, VEX', async () => {
    const { findings } = await load(trivyImporter, FIXTURES + 'image.json');
    expect(findings).toEqual([
      {
        device: IMAGE,
        weakness: 'CVE-2023-5363',
        software: 'alpine/libcrypto3',
        version: '3.1.2-r0',
        fixedVersion: '3.1.4-r0',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2023-42363',
        software: 'alpine/busybox',
        version: '1.36.1-r2',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2023-42364',
        software: 'alpine/busybox',
        version: '1.36.1-r2',
        status: 'not_affected',
      },
      // "11.0.14, 10.1.49, 9.0.112": the smallest update above 9.0.109.
      {
        device: IMAGE,
        weakness: 'CVE-2025-66614',
        software: 'jar/org.apache.tomcat:tomcat-catalina',
        version: '9.0.109',
        fixedVersion: '9.0.112',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2022-1471',
        software: 'jar/org.yaml:snakeyaml',
        version: '1.33',
        fixedVersion: '2.0',
        status: 'not_affected',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2024-38809',
        software: 'jar/org.springframework:spring-web',
        version: '5.3.30',
        status: 'exception',
      },
      { device: IMAGE, weakness: 'DS-0002', status: 'open' },
      { device: IMAGE, weakness: 'DS-0026', status: 'exception' },
      { device: IMAGE, weakness: 'secret-aws-access-key-id', status: 'open' },
    ]);
  });

  it('maps misconfigurations (FAIL only) and secrets to configuration weaknesses', async () => {
    const { snapshot } = await load(trivyImporter, FIXTURES + 'image.json');
    expect(weakness(snapshot, 'DS-0002')).toMatchObject({
      kind: 'configuration',
      label: 'high',
      title: "Image user should not be 'root'",
    });
    expect(snapshot.weaknesses.some((w) => w.id === 'DS-0001')).toBe(false);
    expect(weakness(snapshot, 'secret-aws-access-key-id')).toMatchObject({
      kind: 'configuration',
      label: 'critical',
      title: 'Exposed secret: AWS Access Key ID',
    });
  });

  it('normalises check ids across Trivy versions', () => {
    expect(trivyCheckId('KSV001')).toBe('KSV-0001');
    expect(trivyCheckId('AVD-KSV-0001')).toBe('KSV-0001');
    expect(trivyCheckId('KSV-0001')).toBe('KSV-0001');
    expect(trivyCheckId('AVD-AWS-0143')).toBe('AWS-0143');
  });
});

describe('trivy importer: k8s cluster report', () => {
  it('makes one device per workload resource', async () => {
    const { snapshot, findings, takenAt } = await load(trivyImporter, FIXTURES + 'k8s.json');
    expect(takenAt).toBeUndefined();
    expect(snapshot.devices.map((d) => ({ id: d.id, name: d.name, os: d.os }))).toEqual([
      { id: 'prod-eu/shop/Deployment/cart', name: 'shop/Deployment/cart', os: 'debian 12.1' },
      { id: 'prod-eu/shop/Service/cart', name: 'shop/Service/cart', os: undefined },
    ]);
    expect(findings).toEqual([
      {
        device: 'prod-eu/shop/Deployment/cart',
        weakness: 'CVE-2023-4911',
        software: 'debian/libc6',
        version: '2.36-9+deb12u1',
        fixedVersion: '2.36-9+deb12u3',
        status: 'open',
      },
      { device: 'prod-eu/shop/Deployment/cart', weakness: 'KSV-0012', status: 'open' },
    ]);
    // The severity source (debian) has no CVSS: NVD's is used.
    expect(weakness(snapshot, 'CVE-2023-4911').cvss).toEqual([
      { version: '3.1', score: 7.8, vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
    ]);
  });
});

describe('trivy importer: k8s report of an unnamed cluster ("ClusterName": "")', () => {
  it('is a cluster report all the same: devices are the workloads, without a cluster prefix', async () => {
    const { snapshot, findings } = await load(trivyImporter, FIXTURES + 'k8s-no-cluster.json');
    expect(snapshot.devices).toEqual([
      expect.objectContaining({
        id: 'default/Deployment/web',
        name: 'default/Deployment/web',
        os: 'debian 12.5',
      }),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        device: 'default/Deployment/web',
        weakness: 'CVE-2024-2961',
        fixedVersion: '2.36-9+deb12u7',
      }),
    ]);
  });
});

describe('trivy importer: gzip', () => {
  it('reads a gzipped report like the plain one', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const path = tempJson('', 'image.json.gz');
    writeFileSync(path, gzipSync(readFileSync(FIXTURES + 'image.json')));
    const plain = await load(trivyImporter, FIXTURES + 'image.json');
    const zipped = await load(trivyImporter, path);
    expect(zipped.findings).toEqual(plain.findings);
  });
});

describe('trivy importer: bad input', () => {
  const base = {
    SchemaVersion: 2,
    ArtifactName: 'img',
    Results: [
      {
        Target: 't',
        Type: 'alpine',
        Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'a' }, { PkgName: 'b' }],
      },
    ],
  };

  it('names the JSON path of a missing vulnerability id', async () => {
    const path = tempJson(base);
    await expect(load(trivyImporter, path, 'scan.json')).rejects.toThrow(
      new InputError(
        'scan.json',
        '$.Results[0].Vulnerabilities[1].VulnerabilityID',
        'is missing the required field "VulnerabilityID"',
      ),
    );
  });

  it('names the JSON path of a wrong type', async () => {
    const path = tempJson({
      ...base,
      Results: [{ Target: 't', Vulnerabilities: { VulnerabilityID: 'CVE-1' } }],
    });
    await expect(load(trivyImporter, path, 'scan.json')).rejects.toThrow(
      /scan\.json \(\$\.Results\[0\]\.Vulnerabilities\): should be an array, found an object/,
    );
    const severity = tempJson({
      ...base,
      Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-1', Severity: 3 }] }],
    });
    await expect(load(trivyImporter, severity, 'scan.json')).rejects.toThrow(
      /\$\.Results\[0\]\.Vulnerabilities\[0\]\.Severity\): should be a string, found number 3/,
    );
  });

  it('rejects a bad CreatedAt', async () => {
    const path = tempJson({ ...base, CreatedAt: 'yesterday', Results: [] });
    await expect(load(trivyImporter, path, 'scan.json')).rejects.toThrow(
      /\$\.CreatedAt\): "yesterday" is not a valid ISO 8601 time/,
    );
  });

  it('names the file and not the artifact "." of a filesystem scan', async () => {
    const path = tempJson({ SchemaVersion: 2, ArtifactName: '.', Results: [] }, 'billing-api.json');
    const { snapshot } = await load(trivyImporter, path, 'reports/billing-api.json');
    expect(snapshot.devices.map((d) => d.id)).toEqual(['billing-api']);
  });
});

describe('trivy detection', () => {
  it('recognises image and cluster reports, also from a truncated head', async () => {
    const { readFileSync } = await import('node:fs');
    const image = readFileSync(FIXTURES + 'image.json', 'utf8');
    expect(trivyImporter.detect(image)).toBe(true);
    expect(trivyImporter.detect(image.slice(0, 120))).toBe(true);
    expect(trivyImporter.detect(readFileSync(FIXTURES + 'k8s.json', 'utf8').slice(0, 60))).toBe(
      true,
    );
    expect(trivyImporter.detect('{"ClusterName":"c","Vulnerabilities":[')).toBe(true);
  });

  it('does not claim other formats', () => {
    expect(
      trivyImporter.detect('{"matches":[],"source":{},"distro":{},"descriptor":{"name":"grype"}}'),
    ).toBe(false);
    expect(
      trivyImporter.detect(
        '{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":[{"name":"trivy"}]}}',
      ),
    ).toBe(false);
    expect(
      trivyImporter.detect('{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Trivy"}}}]}'),
    ).toBe(false);
    expect(trivyImporter.detect('{"SchemaVersion": 1, "ArtifactName": "x"}')).toBe(false);
    for (const other of [grypeImporter, osvScannerImporter, npmAuditImporter]) {
      expect(other.detect('{"SchemaVersion": 2, "ArtifactName": "x", "Results": []}')).toBe(false);
    }
  });
});
