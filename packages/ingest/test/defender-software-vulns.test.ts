import { describe, expect, it } from 'vitest';
import { defenderMachineVulnerabilities } from '../src/formats/defender/machine-vulns.js';
import { defenderSoftwareVulnerabilities } from '../src/formats/defender/software-vulns.js';
import { deviceById, findingRows, weaknessById } from './defender-helpers.js';
import { fixture, importFile } from './helpers.js';

describe('Defender SoftwareVulnerabilitiesByMachine', () => {
  it('maps rows to devices, weaknesses and findings; a null cveId gives no finding', async () => {
    const s = await importFile(
      defenderSoftwareVulnerabilities,
      fixture('defender', 'software-vulnerabilities.json'),
    );
    expect(findingRows(s)).toEqual([
      {
        device: 'dev-a',
        weakness: 'CVE-2021-21148',
        software: 'google/chrome@87.0.4280.88',
        fixedVersion: '88.0.4324.150',
        status: 'open',
        recommendation: 'va-_-google-_-chrome',
      },
      {
        device: 'dev-a',
        weakness: 'CVE-2021-1647',
        software: 'microsoft/windows_10@10.0.19042.685',
        fixedVersion: 'KB4598242',
        status: 'open',
        recommendation: 'va-_-microsoft-_-windows_10',
      },
      {
        device: 'dev-b',
        weakness: 'TVM-2020-0002',
        software: 'mozilla/firefox@83.0.0.0',
        status: 'open',
        recommendation: 'va-_-mozilla-_-firefox',
      },
      {
        device: 'dev-a',
        weakness: 'CVE-2020-16011',
        software: 'google/chrome@87.0.4280.88',
        status: 'open',
        recommendation: 'va-_-google-_-chrome',
      },
    ]);
    expect(s.importedRecommendations).toEqual([
      { id: 'va-_-google-_-chrome', title: 'Update Google Chrome' },
      { id: 'va-_-microsoft-_-windows_10', title: 'Update Microsoft Windows 10' },
      { id: 'va-_-mozilla-_-firefox', title: 'Update Mozilla Firefox' },
    ]);
  });

  it('fills devices from the rows, last seen being the latest readable time', async () => {
    const s = await importFile(
      defenderSoftwareVulnerabilities,
      fixture('defender', 'software-vulnerabilities.json'),
    );
    expect(s.devices.map((d) => d.id)).toEqual(['dev-a', 'dev-b']);
    expect(deviceById(s, 'dev-a')).toMatchObject({
      name: 'fin-ws-01.contoso.com',
      os: 'Windows10 10.0.19042.685',
      group: 'Finance',
      value: 'normal',
      lastSeen: '2021-01-05T17:04:30.000Z',
    });
    // dev-b: no name (null); its times are the null-CVE row's and an earlier one.
    const b = deviceById(s, 'dev-b');
    expect(b).toMatchObject({ name: 'dev-b', group: 'Sales', os: 'Windows11 10.0.22000.1' });
    expect(b.lastSeen).toBe('2020-12-11T19:49:48.000Z');
  });

  it('maps severity, CVSS score and exploitability level', async () => {
    const s = await importFile(
      defenderSoftwareVulnerabilities,
      fixture('defender', 'software-vulnerabilities.json'),
    );
    expect(weaknessById(s, 'CVE-2021-21148')).toMatchObject({
      label: 'high',
      exploit: 'weaponized',
      cvss: [],
    });
    expect(weaknessById(s, 'CVE-2021-1647')).toMatchObject({
      label: 'critical',
      exploit: 'weaponized',
      cvss: [{ version: '3.1', score: 7.8 }],
      severity: 0.78,
    });
    expect(weaknessById(s, 'TVM-2020-0002')).toMatchObject({
      label: 'medium',
      exploit: 'poc',
      kind: 'vulnerability',
    });
    expect(weaknessById(s, 'CVE-2020-16011')).toMatchObject({
      label: 'low',
      exploit: 'none',
      severity: 0.25,
    });
  });

  it('reads the delta export: Fixed is fixed, New and Updated are open', async () => {
    const s = await importFile(
      defenderSoftwareVulnerabilities,
      fixture('defender', 'software-vulnerability-changes.json'),
    );
    expect(findingRows(s).map((r) => [r.device, r.weakness, r.status])).toEqual([
      ['dev-a', 'CVE-2021-21148', 'fixed'],
      ['dev-c', 'CVE-2021-2163', 'open'],
      ['dev-c', 'CVE-2021-2161', 'open'],
    ]);
    expect(weaknessById(s, 'CVE-2021-2161').exploit).toBe('poc');
  });
});

describe('Defender machinesVulnerabilities', () => {
  it('maps rows (bare list, no envelope) and names the recommendation as Defender does', async () => {
    const s = await importFile(
      defenderMachineVulnerabilities,
      fixture('defender', 'machines-vulnerabilities.json'),
    );
    expect(findingRows(s)).toEqual([
      {
        device: 'm1',
        weakness: 'CVE-2020-6494',
        software: 'microsoft/edge_chromium-based@81.0.416.77',
        status: 'open',
        recommendation: 'va-_-microsoft-_-edge_chromium-based',
      },
      {
        device: 'm2',
        weakness: 'CVE-2016-3348',
        software: 'microsoft/windows_server_2012_r2@6.3.9600.19728',
        // fixingKbId 3185911: a Windows CVE fixed by a KB has a fix, the KB to install.
        fixedVersion: 'KB3185911',
        status: 'open',
        recommendation: 'va-_-microsoft-_-windows_server_2012_r2',
      },
    ]);
    expect(weaknessById(s, 'CVE-2016-3348').label).toBe('critical');
    expect(s.importedRecommendations[1]).toEqual({
      id: 'va-_-microsoft-_-windows_server_2012_r2',
      title: 'Update Microsoft Windows Server 2012 R2',
    });
  });
});
