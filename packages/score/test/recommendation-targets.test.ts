import { describe, expect, it } from 'vitest';
import { assess, toReportDocument, trend } from '../src/index.js';
import { osPlatform } from '../src/recommendations.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

const kernel = (version: string) => ({ vendor: 'linux', product: 'linux_kernel', version });

describe('recommendation targets per platform', () => {
  // One kernel recommendation over RHEL 9, RHEL 8, Ubuntu and a device without an OS: each
  // platform needs its own fixed version, the highest among its findings.
  const snapshot = makeSnapshot({
    devices: [
      makeDevice('r9a', { os: 'RHEL 9' }),
      makeDevice('r9b', { os: 'RHEL 9' }),
      makeDevice('r8', { os: 'RHEL 8' }),
      makeDevice('u24', { os: 'Ubuntu 24.04' }),
      makeDevice('bare'),
    ],
    weaknesses: [makeWeakness('CVE-1', 8), makeWeakness('CVE-2', 7)],
    findings: [
      makeFinding('r9a', 'CVE-1', { software: kernel('5.14.0-1'), fixedVersion: '5.14.0-503' }),
      makeFinding('r9a', 'CVE-2', { software: kernel('5.14.0-1'), fixedVersion: '5.14.0-570' }),
      makeFinding('r9b', 'CVE-1', { software: kernel('5.14.0-1'), fixedVersion: '5.14.0-503' }),
      makeFinding('r8', 'CVE-1', { software: kernel('4.18.0-1'), fixedVersion: '4.18.0-553' }),
      makeFinding('u24', 'CVE-2', { software: kernel('6.8.0-1'), fixedVersion: '6.8.0-60' }),
      makeFinding('bare', 'CVE-2', { software: kernel('6.1.0') }),
    ],
  });

  it('gives each platform its highest fixed version and its devices; no single targetVersion', () => {
    const rec = assess(snapshot).recommendations.find(
      (r) => r.id === 'software/linux/linux_kernel',
    )!;
    expect(rec.targets).toEqual([
      { os: 'RHEL 9', family: 'RHEL', osVersion: '9', version: '5.14.0-570', devices: 2 },
      { os: 'RHEL 8', family: 'RHEL', osVersion: '8', version: '4.18.0-553', devices: 1 },
      { os: 'Ubuntu 24.04', family: 'Ubuntu', osVersion: '24.04', version: '6.8.0-60', devices: 1 },
      { os: null, family: null, osVersion: null, version: null, devices: 1 },
    ]);
    expect(rec.targets.reduce((n, t) => n + t.devices, 0)).toBe(rec.exposedDevices);
    expect(rec.targetVersion).toBeNull();
  });

  it('keeps targetVersion when every platform with a fix needs the same one', () => {
    const one = makeSnapshot({
      devices: [
        makeDevice('a', { os: 'Windows 11 23H2' }),
        makeDevice('b', { os: 'Windows 10 22H2' }),
      ],
      weaknesses: [makeWeakness('CVE-1', 8)],
      findings: [
        makeFinding('a', 'CVE-1', {
          software: { vendor: 'google', product: 'chrome', version: '1' },
          fixedVersion: '130.0.1',
        }),
        makeFinding('b', 'CVE-1', {
          software: { vendor: 'google', product: 'chrome', version: '1' },
          fixedVersion: '130.0.1',
        }),
      ],
    });
    const rec = assess(one).recommendations[0]!;
    expect(rec.targetVersion).toBe('130.0.1');
    expect(rec.targets.map((t) => [t.os, t.version, t.devices])).toEqual([
      ['Windows 10 22H2', '130.0.1', 1],
      ['Windows 11 23H2', '130.0.1', 1],
    ]);
  });

  it('publishes targets in exposure.json', () => {
    const a = assess(snapshot);
    const doc = toReportDocument({
      assessment: a,
      trend: trend([snapshot]),
      inputs: { digest: 'x', files: [] },
    });
    expect(doc.recommendations[0]!.targets).toEqual(a.recommendations[0]!.targets);
  });
});

describe('osPlatform', () => {
  it('splits the family from the version at the first token that starts with a digit', () => {
    expect(osPlatform('Windows Server 2022')).toEqual({
      family: 'Windows Server',
      osVersion: '2022',
    });
    expect(osPlatform('macOS 14 Sonoma')).toEqual({ family: 'macOS', osVersion: '14 Sonoma' });
    expect(osPlatform('Cisco IOS XE 17.9')).toEqual({ family: 'Cisco IOS XE', osVersion: '17.9' });
    expect(osPlatform('Debian')).toEqual({ family: 'Debian', osVersion: null });
    expect(osPlatform('3CX Phone System')).toEqual({ family: '3CX Phone System', osVersion: null });
  });
});
