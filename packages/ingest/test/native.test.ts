import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNativeImporter, nativeImporter } from '../src/formats/native/index.js';
import { InputError } from '../src/messages.js';
import { fixture, importFile, tempDir, writeTemp } from './helpers.js';

const streaming = createNativeImporter({ streamAbove: 0 });

const base = () => ({
  schema: 'exposure-snapshot/1',
  takenAt: '2026-11-01T00:00:00Z',
  devices: [{ id: 'd1', name: 'web-01' }],
  weaknesses: [{ id: 'CVE-1', severity: 'high' }],
  findings: [{ device: 'd1', weakness: 'CVE-1' }],
});

async function failure(doc: unknown, importer = nativeImporter): Promise<InputError> {
  const path = writeTemp(
    tempDir(),
    'snap.json',
    typeof doc === 'string' ? doc : JSON.stringify(doc),
  );
  const error = await importFile(importer, path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('nativeImporter', () => {
  it('detects the schema marker in the head', () => {
    expect(nativeImporter.detect(readFileSync(fixture('native', 'contoso.json'), 'utf8'))).toBe(
      true,
    );
    expect(nativeImporter.detect('{ "schema" : "exposure-snapshot/1" }')).toBe(true);
    expect(nativeImporter.detect('{ "schema": "exposure-report/1" }')).toBe(false);
  });

  for (const [name, importer] of [
    ['parsed', nativeImporter],
    ['streamed', streaming],
  ] as const) {
    it(`reads every field (${name})`, async () => {
      const snap = await importFile(importer, fixture('native', 'contoso.json'));
      expect(snap.takenAt).toBe('2026-11-01T00:00:00.000Z');
      expect(snap.organization).toBe('Contoso');
      expect(snap.devices.map((d) => [d.id, d.name, d.value, d.group ?? null, d.inScope])).toEqual([
        ['d1', 'web-01', 'high', 'Web', true],
        ['d2', 'db-01', 'low', 'Data', false],
        ['d3', 'd3', 'normal', null, true],
      ]);
      expect(snap.devices[0]).toMatchObject({
        os: 'Ubuntu 22.04',
        tags: ['prod'],
        owner: 'web-team',
      });
      const byId = Object.fromEntries(snap.weaknesses.map((w) => [w.id, w]));
      expect(byId['CVE-2024-3094']).toMatchObject({
        kev: true,
        exploit: 'weaponized',
        epss: 0.87,
        severity: 1,
        published: '2024-03-29',
      });
      expect(byId['CVE-2023-0001']!.cvssUsed).toEqual({ version: '3.1', score: 7.5 });
      expect(byId['CVE-2023-0002']!.cvssUsed).toMatchObject({ version: '3.1', score: 7.5 });
      expect(byId['ssh-root-login']).toMatchObject({ kind: 'configuration', severity: 0.55 });
      const f = snap.findings;
      expect(f.count).toBe(4);
      expect(Array.from(f.status)).toEqual([0, 1, 0, 3]);
      expect(Array.from(f.activeAlert)).toEqual([1, 0, 0, 0]);
      expect(snap.software[f.software[0]!]).toMatchObject({ vendor: 'tukaani', product: 'xz' });
      expect(snap.strings[f.version[0]!]).toBe('5.6.0');
      expect(snap.strings[f.fixedVersion[0]!]).toBe('5.6.2');
    });
  }

  it('leaves the time unset when the file has none', async () => {
    const snap = await importFile(nativeImporter, fixture('native', 'minimal-no-time.json'));
    expect(snap.takenAt).toBe('2026-01-01T00:00:00.000Z');
    expect(snap.devices.map((d) => d.id)).toEqual(['app-01']);
  });

  const cases: Array<[string, (d: ReturnType<typeof base>) => unknown, string, RegExp]> = [
    [
      'a bad status',
      (d) => ({
        ...d,
        findings: [d.findings[0], { device: 'd1', weakness: 'CVE-1', status: 'closed' }],
      }),
      '$.findings[1].status',
      /one of "open", "fixed", "not_affected", "exception", found the string "closed"/,
    ],
    [
      'a missing device id',
      (d) => ({ ...d, devices: [{ name: 'x' }] }),
      '$.devices[0]',
      /missing the required field "id"/,
    ],
    [
      'an unknown field',
      (d) => ({ ...d, findings: [{ device: 'd1', weakness: 'CVE-1', stauts: 'fixed' }] }),
      '$.findings[0]',
      /unknown field "stauts"/,
    ],
    [
      'a bad value',
      (d) => ({ ...d, devices: [{ id: 'd1', value: 'critical' }] }),
      '$.devices[0].value',
      /one of "low", "normal", "high"/,
    ],
    [
      'a score out of range',
      (d) => ({ ...d, weaknesses: [{ id: 'CVE-1', cvss: { version: '3.1', score: 11 } }] }),
      '$.weaknesses[0].cvss.score',
      /should be <= 10, found number 11/,
    ],
    [
      'a loose cvss version',
      (d) => ({ ...d, weaknesses: [{ id: 'CVE-1', cvss: { version: '3', score: 5 } }] }),
      '$.weaknesses[0].cvss.version',
      /"2.0", "3.0", "3.1", "4.0"/,
    ],
    [
      'a cvss with neither score nor vector',
      (d) => ({
        ...d,
        weaknesses: [{ id: 'CVE-1', cvss: [{ version: '3.1', score: 5 }, { version: '2.0' }] }],
      }),
      '$.weaknesses[0].cvss[1]',
      /needs at least one of the fields "score" or "vector"/,
    ],
    [
      'an empty cvss list',
      (d) => ({ ...d, weaknesses: [{ id: 'CVE-1', cvss: [] }] }),
      '$.weaknesses[0].cvss',
      /at least 1 item/,
    ],
    [
      'a vector that does not score',
      (d) => ({
        ...d,
        weaknesses: [{ id: 'CVE-1', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:Q' } }],
      }),
      '$.weaknesses[0].cvss.vector',
      /not a valid CVSS 3.1 vector/,
    ],
    [
      'a vector that gives a metric twice, even beside a score',
      (d) => ({
        ...d,
        weaknesses: [
          {
            id: 'CVE-1',
            cvss: {
              version: '3.1',
              score: 9.8,
              vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L',
            },
          },
        ],
      }),
      '$.weaknesses[0].cvss.vector',
      /gives the metric AV more than once/,
    ],
    [
      'a device defined twice with conflicting data',
      (d) => ({
        ...d,
        devices: [{ id: 'd1', group: 'Web' }, { id: 'd2' }, { id: 'd1', group: 'Data' }],
      }),
      '$.devices[2]',
      /defines device "d1" again, differently from \$\.devices\[0\]/,
    ],
    [
      'a weakness defined twice with conflicting data',
      (d) => ({
        ...d,
        weaknesses: [
          { id: 'CVE-1', cvss: { version: '3.1', score: 5 } },
          { id: 'CVE-1', cvss: { version: '3.1', score: 9 } },
        ],
      }),
      '$.weaknesses[1]',
      /defines weakness "CVE-1" again, differently from \$\.weaknesses\[0\]/,
    ],
    [
      'a takenAt on a day that does not exist (not rolled over)',
      (d) => ({ ...d, takenAt: '2026-02-30T00:00:00Z' }),
      '$.takenAt',
      /"2026-02-30T00:00:00Z" is not a valid ISO 8601 time/,
    ],
    [
      'a lastSeen of "1" (not read as 2001)',
      (d) => ({ ...d, devices: [{ id: 'd1', lastSeen: '1' }] }),
      '$.devices[0].lastSeen',
      /ISO 8601/,
    ],
    [
      'a published year past 9999',
      (d) => ({ ...d, weaknesses: [{ id: 'CVE-1', published: '+275760-09-13' }] }),
      '$.weaknesses[0].published',
      /ISO 8601/,
    ],
    [
      'an epss above 1',
      (d) => ({ ...d, weaknesses: [{ id: 'CVE-1', epss: 87 }] }),
      '$.weaknesses[0].epss',
      /<= 1/,
    ],
    [
      'a wrong type',
      (d) => ({ ...d, findings: [{ device: 'd1', weakness: 'CVE-1', activeAlert: 'yes' }] }),
      '$.findings[0].activeAlert',
      /should be a boolean, found the string "yes"/,
    ],
    ['a takenAt that is no time', (d) => ({ ...d, takenAt: 'yesterday' }), '$.takenAt', /ISO 8601/],
    [
      'a takenAt that does not exist',
      (d) => ({ ...d, takenAt: '2026-13-45T00:00:00Z' }),
      '$.takenAt',
      /not a valid ISO 8601 time/,
    ],
    [
      'a wrong schema version',
      (d) => ({ ...d, schema: 'exposure-snapshot/2' }),
      '$.schema',
      /should be "exposure-snapshot\/1"/,
    ],
    [
      'findings not an array',
      (d) => ({ ...d, findings: {} }),
      '$.findings',
      /should be an array, found an object/,
    ],
    [
      'an unknown weakness',
      (d) => ({
        ...d,
        findings: [d.findings[0], d.findings[0], { device: 'd9', weakness: 'CVE-9' }],
      }),
      '$.findings[2].weakness',
      /names weakness "CVE-9", which is not in weaknesses\[\]/,
    ],
  ];
  for (const [what, make, place, problem] of cases) {
    for (const [name, importer] of [
      ['parsed', nativeImporter],
      ['streamed', streaming],
    ] as const) {
      it(`reports ${what} with its path (${name})`, async () => {
        const error = await failure(make(base()), importer);
        expect(error.place).toBe(place);
        expect(error.problem).toMatch(problem);
        expect(error.file).toMatch(/snap\.json$/);
      });
    }
  }

  it('reports a truncated file with its line (parsed)', async () => {
    const error = await failure(JSON.stringify(base(), null, 2).slice(0, -40));
    expect(error.place).toMatch(/^line \d+/);
    expect(error.problem).toMatch(/truncated/);
  });

  it('reports a truncated file (streamed)', async () => {
    const error = await failure(JSON.stringify(base(), null, 2).slice(0, -40), streaming);
    expect(error.problem).toMatch(/truncated|not valid JSON/);
  });

  it('accepts the arrays in any order when streaming', async () => {
    const d = base();
    const text = JSON.stringify({
      findings: d.findings,
      schema: d.schema,
      weaknesses: d.weaknesses,
      takenAt: d.takenAt,
    });
    const snap = await importFile(streaming, writeTemp(tempDir(), 'order.json', text));
    expect(snap.findings.count).toBe(1);
    expect(snap.takenAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('reads a gzip-compressed file in both modes', async () => {
    const { gzipSync } = await import('node:zlib');
    const path = writeTemp(tempDir(), 'snap.json.gz', gzipSync(JSON.stringify(base())));
    expect((await importFile(nativeImporter, path)).findings.count).toBe(1);
    expect((await importFile(streaming, path)).findings.count).toBe(1);
  });
});
