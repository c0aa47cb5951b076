import { describe, expect, it } from 'vitest';
import { defenderConfigurations } from '../src/formats/defender/config.js';
import { defenderSoftwareInventory } from '../src/formats/defender/inventory.js';
import { defenderMachines } from '../src/formats/defender/machines.js';
import { defenderVulnerabilities } from '../src/formats/defender/vulnerabilities.js';
import { deviceById, findingRows, weaknessById } from './defender-helpers.js';
import { fixture, importFile } from './helpers.js';

describe('Defender machines', () => {
  it('maps machines to devices; an unreadable (anonymised) lastSeen is dropped', async () => {
    const s = await importFile(defenderMachines, fixture('defender', 'machines.json'));
    expect(s.findings.count).toBe(0);
    expect(s.devices).toHaveLength(2);
    expect(deviceById(s, 'dev-a')).toMatchObject({
      name: 'fin-ws-01.contoso.com',
      os: 'Windows10 20H2',
      group: 'Finance',
      value: 'high',
      tags: ['prod', 'pci'],
      lastSeen: '2021-01-05T17:04:30.123Z',
    });
    const d = deviceById(s, 'dev-d');
    expect(d).toMatchObject({
      name: 'dev-d',
      os: 'Linux',
      group: 'UnassignedGroup',
      value: 'low',
      tags: [],
    });
    expect(d.lastSeen).toBeUndefined();
  });

  it('reads a single machine (GET /api/machines/{id}, no envelope)', async () => {
    const s = await importFile(defenderMachines, fixture('defender', 'machine.json'));
    expect(s.devices.map((d) => [d.id, d.name, d.os, d.group, d.tags, d.lastSeen])).toEqual([
      [
        'dev-e',
        'kiosk-7',
        'Windows11 10.0.22621.2428',
        'Kiosks',
        ['kiosk'],
        '2021-01-02T03:04:05.000Z',
      ],
    ]);
  });
});

describe('Defender vulnerabilities catalogue', () => {
  it('maps each vulnerability to a weakness with its threat evidence, and no findings', async () => {
    const s = await importFile(
      defenderVulnerabilities,
      fixture('defender', 'vulnerabilities.json'),
    );
    expect(s.findings.count).toBe(0);
    expect(s.devices).toHaveLength(0);
    expect(weaknessById(s, 'CVE-2019-0608')).toMatchObject({
      kind: 'vulnerability',
      label: 'medium',
      description: 'A spoofing vulnerability in Microsoft Browsers.',
      cvss: [
        { version: '3.0', score: 4.3, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:N' },
      ],
      published: '2019-10-08',
      exploit: 'none',
      references: [],
    });
    expect(weaknessById(s, 'CVE-2019-0608').title).toBeUndefined();
    expect(weaknessById(s, 'CVE-2021-1647')).toMatchObject({
      title: 'Microsoft Defender Remote Code Execution Vulnerability',
      cvss: [{ version: '3.1', score: 7.8 }],
      exploit: 'weaponized', // verified
      epss: 0.912,
      references: ['https://example.org/exploit/1647'],
    });
    expect(weaknessById(s, 'TVM-2020-0002')).toMatchObject({
      exploit: 'poc',
      label: 'low',
      severity: 0.25,
    });
    expect(weaknessById(s, 'CVE-2021-21148').exploit).toBe('weaponized'); // in a kit
  });
});

describe('Defender secure configuration assessment', () => {
  it('maps checks to configuration weaknesses; compliant is fixed, not applicable is no finding', async () => {
    const s = await importFile(defenderConfigurations, fixture('defender', 'configurations.json'));
    expect(findingRows(s)).toEqual([
      {
        device: 'dev-a',
        weakness: 'scid-20000',
        status: 'open',
        recommendation: 'sca-_-scid-20000',
      },
      {
        device: 'dev-a',
        weakness: 'scid-10000',
        status: 'fixed',
        recommendation: 'sca-_-scid-10000',
      },
      { device: 'dev-f', weakness: 'scid-39', status: 'open', recommendation: 'sca-_-scid-39' },
      { device: 'dev-f', weakness: 'scid-7', status: 'open' },
    ]);
    expect(s.weaknesses.map((w) => [w.id, w.kind, w.label])).toEqual([
      ['scid-20000', 'configuration', 'critical'],
      ['scid-10000', 'configuration', 'medium'],
      ['scid-6093', 'configuration', 'high'],
      ['scid-39', 'configuration', 'low'],
      ['scid-7', 'configuration', 'none'],
    ]);
    expect(weaknessById(s, 'scid-20000')).toMatchObject({
      title: 'Onboard devices to Microsoft Defender for Endpoint',
      description: 'Security controls › Onboard Devices',
      severity: 0.95,
    });
    expect(s.importedRecommendations[0]).toEqual({
      id: 'sca-_-scid-20000',
      title: 'Onboard devices to Microsoft Defender for Endpoint',
    });
    expect(deviceById(s, 'dev-f')).toMatchObject({
      group: 'Servers',
      os: 'Linux',
      lastSeen: '2021-01-11T09:47:58.854Z',
    });
  });
});

describe('Defender software inventory', () => {
  it('contributes devices only', async () => {
    const s = await importFile(
      defenderSoftwareInventory,
      fixture('defender', 'software-inventory.json'),
    );
    expect(s.findings.count).toBe(0);
    expect(s.weaknesses).toHaveLength(0);
    expect(s.devices.map((d) => [d.id, d.name, d.group, d.os])).toEqual([
      ['dev-g', 'lab-01', 'Lab', 'Windows10'],
      ['dev-h', 'lab-02', 'Lab', 'Windows11'],
    ]);
  });
});
