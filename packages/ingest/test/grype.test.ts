import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/messages.js';
import { grypeImporter } from '../src/formats/grype/index.js';
import { npmAuditImporter } from '../src/formats/npm-audit/index.js';
import { osvScannerImporter } from '../src/formats/osv-scanner/index.js';
import { trivyImporter } from '../src/formats/trivy/index.js';
import { load, tempJson, weakness } from './scanner-helpers.js';

const FIXTURES = new URL('./fixtures/grype/', import.meta.url).pathname;
const IMAGE = 'registry.example.com/shop/api:2.0';

describe('grype importer: current schema', () => {
  it('makes the scanned image the device, with its distro and the descriptor time', async () => {
    const { snapshot, takenAt } = await load(grypeImporter, FIXTURES + 'image.json');
    expect(takenAt).toBe('2026-10-30T06:00:00.500Z');
    expect(snapshot.devices).toEqual([
      expect.objectContaining({ id: IMAGE, name: IMAGE, os: 'debian 12', value: 'normal' }),
    ]);
  });

  it('maps weaknesses: label, CVSS (own, else the related record), EPSS, KEV', async () => {
    const { snapshot } = await load(grypeImporter, FIXTURES + 'image.json');
    const glibc = weakness(snapshot, 'CVE-2023-4911');
    expect(glibc).toMatchObject({
      kind: 'vulnerability',
      label: 'high',
      description: "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so.",
      epss: 0.0021,
      kev: false,
      references: ['https://security-tracker.debian.org/tracker/CVE-2023-4911'],
    });
    expect(glibc.cvss).toEqual([
      { version: '3.1', score: 7.8, vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
    ]);

    // GHSA-jf85-cpcp-j695 has one related CVE: keyed by it, so KEV, EPSS and other scanners meet it.
    expect(snapshot.weaknesses.some((w) => w.id === 'GHSA-jf85-cpcp-j695')).toBe(false);
    const lodash = weakness(snapshot, 'CVE-2019-10744');
    expect(lodash).toMatchObject({ label: 'critical', kev: true, epss: 0.7 });
    expect(lodash.title).toBeUndefined();
    // NVD's primary score comes before the secondary one and sets the severity.
    expect(lodash.cvssUsed).toMatchObject({ version: '3.1', score: 9.8 });
    expect(lodash.likelihood).toBe(0.7);

    expect(weakness(snapshot, 'CVE-2005-2541').label).toBe('low'); // Negligible
    // No related CVE: the advisory keeps its own id.
    expect(weakness(snapshot, 'GHSA-9wx4-h78v-vm56').label).toBeUndefined(); // Unknown
  });

  it('maps findings: artifact as software, fix versions and states, ignored matches', async () => {
    const { findings } = await load(grypeImporter, FIXTURES + 'image.json');
    expect(findings).toEqual([
      {
        device: IMAGE,
        weakness: 'CVE-2023-4911',
        software: 'deb/libc6',
        version: '2.36-9+deb12u1',
        fixedVersion: '2.36-9+deb12u3',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2019-10744',
        software: 'npm/lodash',
        version: '4.17.4',
        fixedVersion: '4.17.12',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2005-2541',
        software: 'deb/tar',
        version: '1.34+dfsg-1.2',
        status: 'open',
      },
      // fix.versions 2.32.0, 2.31.1, 3.0.0 above 2.31.0: the smallest update.
      {
        device: IMAGE,
        weakness: 'GHSA-9wx4-h78v-vm56',
        software: 'python/requests',
        version: '2.31.0',
        fixedVersion: '2.31.1',
        status: 'open',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2023-45853',
        software: 'deb/zlib1g',
        version: '1:1.2.13.dfsg-1',
        status: 'not_affected',
      },
      {
        device: IMAGE,
        weakness: 'CVE-2022-3219',
        software: 'deb/gpgv',
        version: '2.2.40-1.1',
        status: 'exception',
      },
    ]);
  });
});

describe('grype importer: legacy 0.7 schema', () => {
  it('reads cvssV2/cvssV3, links and fixedInVersion', async () => {
    const { snapshot, findings, takenAt } = await load(grypeImporter, FIXTURES + 'legacy-0.7.json');
    expect(takenAt).toBeUndefined();
    expect(snapshot.devices.map((d) => [d.id, d.os])).toEqual([
      ['defectdojo/defectdojo-django:1.13.1', 'debian 10'],
    ]);
    expect(weakness(snapshot, 'CVE-2019-18276')).toMatchObject({
      label: 'low',
      cvss: [{ version: '2.0', score: 7.2, vector: 'AV:L/AC:L/Au:N/C:C/I:C/A:C' }],
      references: ['https://security-tracker.debian.org/tracker/CVE-2019-18276'],
    });
    expect(weakness(snapshot, 'CVE-2021-3156').cvss).toEqual([
      { version: '3.1', score: 7.8, vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    expect(findings.map((f) => [f.weakness, f.software, f.version, f.fixedVersion])).toEqual([
      ['CVE-2019-18276', 'deb/bash', '5.0-4', undefined],
      ['CVE-2021-3156', 'deb/sudo', '1.8.27-1+deb10u2', '1.8.27-1+deb10u3'],
    ]);
  });
});

describe('grype importer: devices and bad input', () => {
  const match = {
    vulnerability: { id: 'CVE-2024-1', severity: 'Low' },
    artifact: { name: 'x', version: '1', type: 'npm' },
  };

  it('names a directory scan of "." after the file', async () => {
    const path = tempJson(
      {
        matches: [match],
        source: { type: 'directory', target: '"."' },
        distro: { name: '', version: '' },
      },
      'grype.json',
    );
    const { snapshot } = await load(grypeImporter, path, 'payments/grype.json');
    expect(snapshot.devices.map((d) => [d.id, d.os])).toEqual([['payments', undefined]]);
  });

  it('names the JSON path of what is wrong', async () => {
    const noId = tempJson({
      matches: [match, { vulnerability: { severity: 'Low' }, artifact: { name: 'y' } }],
    });
    await expect(load(grypeImporter, noId, 'g.json')).rejects.toThrow(
      new InputError(
        'g.json',
        '$.matches[1].vulnerability.id',
        'is missing the required field "id"',
      ),
    );
    const badEpss = tempJson({
      matches: [{ ...match, vulnerability: { id: 'CVE-1', epss: [{ epss: 'high' }] } }],
    });
    await expect(load(grypeImporter, badEpss, 'g.json')).rejects.toThrow(
      /\$\.matches\[0\]\.vulnerability\.epss\[0\]\.epss\): should be a number/,
    );
    const noMatches = tempJson({ source: {}, descriptor: { name: 'grype' } });
    await expect(load(grypeImporter, noMatches, 'g.json')).rejects.toThrow(
      /g\.json \(\$\): is missing the required field "matches"/,
    );
  });
});

describe('grype detection', () => {
  it('recognises reports, also when the head holds only matches', () => {
    const text = readFileSync(FIXTURES + 'image.json', 'utf8');
    expect(grypeImporter.detect(text)).toBe(true);
    const matchesOnly = text.slice(0, text.indexOf('"ignoredMatches"'));
    expect(matchesOnly).not.toMatch(/"descriptor"|"distro"/);
    expect(grypeImporter.detect(matchesOnly)).toBe(true);
    expect(grypeImporter.detect(text.slice(0, 60))).toBe(false);
    expect(grypeImporter.detect(readFileSync(FIXTURES + 'legacy-0.7.json', 'utf8'))).toBe(true);
  });

  it('does not claim other formats, nor do they claim it', () => {
    expect(grypeImporter.detect('{"SchemaVersion": 2, "ArtifactName": "x", "Results": []}')).toBe(
      false,
    );
    expect(
      grypeImporter.detect('{"results": [{"source": {"path": "go.mod"}, "packages": []}]}'),
    ).toBe(false);
    expect(grypeImporter.detect('{"auditReportVersion": 2, "vulnerabilities": {}}')).toBe(false);
    const text = readFileSync(FIXTURES + 'image.json', 'utf8');
    for (const other of [trivyImporter, osvScannerImporter, npmAuditImporter])
      expect(other.detect(text)).toBe(false);
  });
});
