/**
 * Defender files that hold no findings of their own — one machine's vulnerabilities (the machine is
 * only in the request URL), the software list, Defender's own scores — read for what they are.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineIdFromPath } from '../src/formats/defender/vulnerabilities.js';
import { loadInputs } from '../src/load.js';
import { findingRows } from './defender-helpers.js';
import { fixture, tempDir } from './helpers.js';

const MACHINE = 'ac233fa6208e1579620bf44207c4006ed7cc4501';
const AS_OF = { asOf: Date.parse('2026-11-01T00:00:00Z') };

describe('GET /api/machines/{id}/vulnerabilities', () => {
  it.each([
    [`${MACHINE}-vulnerabilities.json`, MACHINE],
    [`machines/${MACHINE.toUpperCase()}/vulnerabilities.json`, MACHINE],
    [`machine_${MACHINE}.json`, MACHINE],
    ['vulnerabilities.json', undefined],
    [`sha256-${'a'.repeat(64)}.json`, undefined],
  ])('%s → %s', (path, want) => expect(machineIdFromPath(path)).toBe(want));

  it('scores each vulnerability on the machine its file name names, covering that machine only', async () => {
    const result = await loadInputs(
      [fixture('defender', `${MACHINE}-vulnerabilities.json`)],
      AS_OF,
    );
    const [o] = result.observations;
    expect(o!.coverage).toBe('partial');
    expect(findingRows(o!.snapshot)).toEqual([
      { device: MACHINE, weakness: 'CVE-2019-1348', status: 'open' },
      { device: MACHINE, weakness: 'CVE-2021-1647', status: 'open' },
      { device: MACHINE, weakness: 'TVM-2020-0002', status: 'open' },
    ]);
    expect(result.inputs.files[0]).toMatchObject({ coverage: 'partial', devices: 1, findings: 3 });
    expect(result.warnings).toEqual([]);
  });

  it('says so when no machine is named and nothing else finds its vulnerabilities', async () => {
    const dir = tempDir();
    const path = join(dir, 'vulnerabilities.json');
    copyFileSync(fixture('defender', `${MACHINE}-vulnerabilities.json`), path);
    const result = await loadInputs([path], AS_OF);
    expect(result.observations[0]!.snapshot.findings.count).toBe(0);
    expect(result.warnings).toEqual([
      `${path}: a Defender vulnerability list (3 vulnerabilities) names no device, and no other ` +
        "input finds any of them, so it adds no findings. If it is one machine's GET " +
        '/api/machines/{id}/vulnerabilities, put the machine id in its file name ' +
        '(<machine id>-vulnerabilities.json) to score them on that machine',
    ]);
  });

  it('stays quiet as the catalogue that completes other files’ findings', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'catalogue'));
    copyFileSync(fixture('defender', 'vulnerabilities.json'), join(dir, 'catalogue', 'v.json'));
    copyFileSync(fixture('defender', 'software-vulnerabilities.json'), join(dir, 'sv.json'));
    const result = await loadInputs([dir], AS_OF);
    expect(result.warnings.filter((w) => /vulnerability list/.test(w))).toEqual([]);
  });
});

describe("Defender's own numbers and its software list", () => {
  it('carries the exposure and configuration scores beside ours, never in them', async () => {
    const result = await loadInputs(
      [
        fixture('defender', 'exposure-score.json'),
        fixture('defender', 'exposure-score-by-machine-groups.json'),
        fixture('defender', 'configuration-score.json'),
      ],
      AS_OF,
    );
    expect(result.vendorScores).toEqual([
      {
        vendor: 'Microsoft Defender',
        kind: 'exposure score',
        score: 41.87262112535,
        scale: '0–100',
        time: '2026-10-30T07:23:53.280Z',
        source: fixture('defender', 'exposure-score.json'),
      },
      {
        vendor: 'Microsoft Defender',
        kind: 'exposure score',
        score: 52.05,
        scale: '0–100',
        time: '2026-10-30T09:51:28.214Z',
        group: 'Web',
        source: fixture('defender', 'exposure-score-by-machine-groups.json'),
      },
      {
        vendor: 'Microsoft Defender',
        kind: 'exposure score',
        score: 18.4,
        scale: '0–100',
        time: '2026-10-30T09:51:28.214Z',
        group: 'Workstations',
        source: fixture('defender', 'exposure-score-by-machine-groups.json'),
      },
      {
        vendor: 'Microsoft Defender',
        kind: 'configuration score',
        score: 512,
        time: '2026-10-30T09:15:58.166Z',
        source: fixture('defender', 'configuration-score.json'),
      },
    ]);
    for (const o of result.observations) {
      expect(o.snapshot.devices).toHaveLength(0);
      expect(o.snapshot.findings.count).toBe(0);
    }
    expect(result.warnings).toContain(
      `${fixture('defender', 'exposure-score.json')}: Microsoft Defender's own exposure score (41.87), ` +
        "carried beside Exposure's score and never mixed into it; the file holds no findings",
    );
    expect(result.warnings.filter((w) => /adds nothing/.test(w))).toEqual([]);
  });

  it('recognises the software list and says it adds no findings', async () => {
    const path = fixture('defender', 'software.json');
    const result = await loadInputs([path], AS_OF);
    expect(result.observations[0]!.format).toBe('defender-software');
    expect(result.warnings).toEqual([
      `${path}: a Defender software list (2 products: Microsoft Edge, Google Chrome; 50 weaknesses ` +
        "by Defender's count) names no device and no vulnerability, so it adds no findings; give the " +
        'software vulnerabilities (GET /api/machines/SoftwareVulnerabilitiesByMachine or the export) ' +
        'to score them',
    ]);
  });
});

describe('Defender machine responses that are not the whole fleet', () => {
  it('one machine (GET /api/machines/{id}) is a partial observation; the machine list is full', async () => {
    const result = await loadInputs(
      [fixture('defender', 'machine.json'), fixture('defender', 'machines.json')],
      AS_OF,
    );
    expect(result.observations.map((o) => [o.format, o.coverage])).toEqual([
      ['defender-machines', 'partial'],
      ['defender-machines', 'full'],
    ]);
  });
});
