/** Grype and Snyk SARIF: package advisories read back into CVEs found in a package, with the fix. */
import { describe, expect, it } from 'vitest';
import { assess } from '@exposure/score';
import { createContext, openSource } from '../src/context.js';
import { importSarif } from '../src/formats/sarif/index.js';
import { advisoryPrefix, cveIdsIn } from '../src/formats/shared/advisory-ids.js';
import { fixture, tempDir, writeTemp } from './helpers.js';

async function load(path: string) {
  const ctx = await createContext(await openSource(path, path));
  const summary = await importSarif(ctx);
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  const snap = ctx.builder.build();
  const rows = Array.from({ length: snap.findings.count }, (_, i) => {
    const w = snap.weaknesses[snap.findings.weakness[i]!]!;
    const sw = snap.findings.software[i]!;
    const str = (n: number) => (n < 0 ? '-' : snap.strings[n]!);
    return [
      w.id,
      w.kind,
      sw < 0 ? '-' : `${snap.software[sw]!.vendor}|${snap.software[sw]!.product}`,
      str(snap.findings.version[i]!),
      str(snap.findings.fixedVersion[i]!),
    ];
  });
  return { summary, snap, rows };
}

describe('advisoryPrefix', () => {
  it.each([
    ['CVE-2008-0732-openssl', { advisory: 'CVE-2008-0732', rest: 'openssl' }],
    ['CVE-2023-0286-libssl3', { advisory: 'CVE-2023-0286', rest: 'libssl3' }],
    ['GHSA-r9hx-vwmv-q579-setuptools', { advisory: 'GHSA-r9hx-vwmv-q579', rest: 'setuptools' }],
    ['CVE-2021-44228-log4j-core', { advisory: 'CVE-2021-44228', rest: 'log4j-core' }],
    ['CVE-2021-44228', undefined],
    ['js/xss', undefined],
  ])('%s', (id, want) => expect(advisoryPrefix(id)).toEqual(want));

  it('finds every CVE named in a text once', () =>
    expect(cveIdsIn('(CVE-2024-38355,cve-2024-1,CVE-2021-23337) x CVE-2024-38355')).toEqual([
      'CVE-2024-38355',
      'CVE-2021-23337',
    ]));
});

describe('Grype SARIF', () => {
  it('reads each rule as its CVE in its package, version and fix (not one code rule per package)', async () => {
    const { rows, snap } = await load(fixture('sarif', 'grype-image.sarif.json'));
    expect(rows).toEqual([
      ['CVE-2023-0286', 'vulnerability', 'apk|libssl3', '3.0.7-r0', '3.0.8-r0'],
      ['CVE-2023-0286', 'vulnerability', 'apk|libcrypto3', '3.0.7-r0', '3.0.8-r0'],
      ['GHSA-r9hx-vwmv-q579', 'vulnerability', 'python|setuptools', '65.5.0', '65.5.1'],
      ['CVE-2023-42363', 'vulnerability', 'apk|busybox', '1.35.0-r29', '-'],
    ]);
    // One weakness for the CVE found in two packages: KEV and EPSS can match it.
    expect(snap.weaknesses.map((w) => w.id)).toEqual([
      'CVE-2023-0286',
      'GHSA-r9hx-vwmv-q579',
      'CVE-2023-42363',
    ]);
    const cve = snap.weaknesses.find((w) => w.id === 'CVE-2023-0286')!;
    expect(cve.severity).toBeCloseTo(0.74, 10);
    // security-severity "0.0" is Grype's "no severity known": counted as unknown, not as 0.
    const busybox = snap.weaknesses.find((w) => w.id === 'CVE-2023-42363')!;
    expect(busybox.severity).toBeCloseTo(0.55, 10);
  });

  it('reads older Grype, whose message pads the version with two spaces', async () => {
    const { rows } = await load(fixture('sarif', 'grype-0.40-directory.sarif.json'));
    expect(rows).toEqual([['CVE-2021-23337', 'vulnerability', 'npm|lodash', '4.17.15', '4.17.21']]);
  });

  it('falls back to the Markdown table, then to the message, when the help text is missing', async () => {
    const dir = tempDir();
    const rule = (id: string, extra: object) => ({
      id,
      properties: { 'security-severity': '9.8' },
      ...extra,
    });
    const path = writeTemp(dir, 'grype.sarif', {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'grype',
              rules: [
                rule('CVE-2022-37434-zlib1g', {
                  help: {
                    markdown:
                      '**Vulnerability CVE-2022-37434**\n| Severity | Package | Version | Fix Version | Type | Location | Data Namespace | Link |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| critical  | zlib1g  | 1:1.2.11.dfsg-2  | 1:1.2.11.dfsg-2+deb11u2  | deb  | /var/lib/dpkg/status  | debian:11  | CVE-2022-37434  |\n',
                  },
                }),
                rule('CVE-2022-1271-gzip', {}),
              ],
            },
          },
          results: [
            { ruleId: 'CVE-2022-37434-zlib1g', message: { text: 'x' } },
            {
              ruleId: 'CVE-2022-1271-gzip',
              message: {
                text: 'The path /var/lib/dpkg/status reports gzip at version 1.10-4  which is a vulnerable (deb) package installed in the container',
              },
            },
          ],
        },
      ],
    });
    const { rows } = await load(path);
    expect(rows).toEqual([
      [
        'CVE-2022-37434',
        'vulnerability',
        'deb|zlib1g',
        '1:1.2.11.dfsg-2',
        '1:1.2.11.dfsg-2+deb11u2',
      ],
      ['CVE-2022-1271', 'vulnerability', 'deb|gzip', '1.10-4', '-'],
    ]);
  });

  it('leaves a code rule that merely starts like an advisory to other tools alone', async () => {
    const dir = tempDir();
    const path = writeTemp(dir, 'semgrep.sarif', {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Semgrep OSS',
              rules: [
                {
                  id: 'CVE-2021-44228-jndi-lookup',
                  properties: { 'security-severity': '9.0' },
                  shortDescription: { text: 'JNDI lookup in logging call' },
                },
              ],
            },
          },
          results: [{ ruleId: 'CVE-2021-44228-jndi-lookup', message: { text: 'JNDI lookup' } }],
        },
      ],
    });
    const { rows } = await load(path);
    expect(rows).toEqual([['CVE-2021-44228-jndi-lookup', 'vulnerability', '-', '-', '-']]);
  });
});

describe('Snyk Open Source SARIF', () => {
  it('keys by the CVE the rule names, with the package and the fix that upgrades it', async () => {
    const { rows, snap, summary } = await load(fixture('sarif', 'snyk-open-source.sarif.json'));
    // The license issue (security-severity "undefined") is not a vulnerability: skipped.
    expect(summary).toMatchObject({ results: 4, imported: 3, skipped: 1 });
    expect(rows).toEqual([
      ['CVE-2024-38355', 'vulnerability', 'npm|socket.io', '4.6.1', '4.6.2'],
      // The fix upgrades the direct dependency (socket.io), which says no fixed version of ws.
      ['CVE-2024-37890', 'vulnerability', 'npm|ws', '8.11.0', '-'],
      // No CVE named: the Snyk id stays the weakness id.
      ['SNYK-JS-INFLIGHT-6095116', 'vulnerability', 'npm|inflight', '1.0.6', '-'],
    ]);
    expect(snap.weaknesses.find((w) => w.id === 'CVE-2024-38355')!.severity).toBeCloseTo(0.73, 10);
  });

  it('becomes the recommendation to update socket.io to 4.6.2', async () => {
    const { snap } = await load(fixture('sarif', 'snyk-open-source.sarif.json'));
    const a = assess(snap);
    const rec = a.recommendations.find((r) => r.software?.product === 'socket.io')!;
    expect(rec.targetVersion).toBe('4.6.2');
    expect(rec.weaknesses).toEqual(['CVE-2024-38355']);
  });
});
