import { severityOf } from '@exposure/score';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoInputs, type NativeSnapshotFile } from '../src/index.js';

describe('generateDemoInputs: the native snapshot objects', () => {
  let snapshots: NativeSnapshotFile[];
  beforeAll(() => {
    snapshots = generateDemoInputs().snapshots;
  }, 60_000);

  it('has the exposure-snapshot/1 shape, with weaknesses listed before use', () => {
    for (const s of [snapshots[0]!, snapshots[54]!, snapshots.at(-1)!]) {
      expect(Object.keys(s)).toEqual([
        'schema',
        'takenAt',
        'organization',
        'devices',
        'weaknesses',
        'findings',
      ]);
      expect(s.schema).toBe('exposure-snapshot/1');
      expect(s.takenAt).toMatch(/^\d{4}-\d\d-\d\dT06:00:00Z$/);
      const devices = new Set(s.devices.map((d) => d.id));
      const weaknesses = new Set(s.weaknesses.map((w) => w.id));
      expect(weaknesses.size).toBe(s.weaknesses.length);
      for (const f of s.findings) {
        expect(devices.has(f.device)).toBe(true);
        expect(weaknesses.has(f.weakness)).toBe(true);
      }
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });

  it('describes devices realistically', () => {
    const devices = snapshots.at(-1)!.devices;
    const names = devices.map((d) => d.name!);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => /^lap-[a-z-]+-\d{3}$/.test(n))).toBe(true);
    expect(names.some((n) => /^db-(eu|us)-\d\d$/.test(n))).toBe(true);
    expect(names.some((n) => /^k8s-node-\d\d$/.test(n))).toBe(true);
    expect(names.some((n) => /^dc-(eu|us)-\d\d$/.test(n))).toBe(true);
    const oses = new Set(devices.map((d) => d.os));
    for (const os of [
      'Windows 11 23H2',
      'Ubuntu 22.04',
      'RHEL 9',
      'macOS 14 Sonoma',
      'Windows Server 2022',
    ])
      expect(oses).toContain(os);
    const share = (value: string) =>
      devices.filter((d) => d.value === value).length / devices.length;
    expect(share('low')).toBeGreaterThan(0.1);
    expect(share('low')).toBeLessThan(0.3);
    expect(share('high')).toBeGreaterThan(0.01);
    expect(share('high')).toBeLessThan(0.08);
    expect(devices.filter((d) => d.name!.startsWith('dc-')).every((d) => d.value === 'high')).toBe(
      true,
    );
    expect(devices.every((d) => d.owner?.includes('@contoso.com') && d.tags!.length > 0)).toBe(
      true,
    );
  });

  it('lets a few devices go silent and adds a few mid-way', () => {
    const last = snapshots.at(-1)!;
    const end = Date.parse(last.takenAt);
    const silent = last.devices.filter((d) => end - Date.parse(d.lastSeen!) > 30 * 86_400_000);
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.length).toBeLessThan(last.devices.length * 0.06);
    expect(last.devices.length - snapshots[0]!.devices.length).toBeGreaterThan(0);
  });

  it('has a realistic weakness catalogue', () => {
    const all = new Map(snapshots.flatMap((s) => s.weaknesses).map((w) => [w.id, w]));
    const vulnerabilities = [...all.values()].filter((w) => w.kind === 'vulnerability');
    expect(vulnerabilities.length).toBeGreaterThan(150);
    expect(vulnerabilities.length).toBeLessThan(320);
    for (const id of [
      'CVE-2021-44228',
      'CVE-2024-3094',
      'CVE-2023-4863',
      'CVE-2024-6387',
      'CVE-2023-44487',
    ])
      expect(all.has(id)).toBe(true);
    expect(
      vulnerabilities.every((w) => /^CVE-\d{4}-\d{4,5}$/.test(w.id) && w.title && w.published),
    ).toBe(true);
    const last = new Map(snapshots.at(-1)!.weaknesses.map((w) => [w.id, w]));
    const kev = [...last.values()].filter((w) => w.kev).length / last.size;
    expect(kev).toBeGreaterThan(0.02);
    expect(kev).toBeLessThan(0.12);
    const cvss = vulnerabilities.map((w) =>
      w.cvss === undefined ? [] : Array.isArray(w.cvss) ? w.cvss : [w.cvss],
    );
    expect(
      cvss.some((c) => c.some((x) => x.version === '3.1' && x.score === undefined && x.vector)),
    ).toBe(true);
    expect(cvss.some((c) => c.some((x) => x.version === '4.0'))).toBe(true);
    expect(cvss.some((c) => c.length === 0)).toBe(true);
    for (const w of vulnerabilities) {
      const list = w.cvss === undefined ? [] : Array.isArray(w.cvss) ? w.cvss : [w.cvss];
      for (const c of list)
        if (c.score !== undefined)
          expect(
            severityOf([{ version: c.version, vector: c.vector! }], undefined).value * 10,
          ).toBeCloseTo(c.score, 5);
      expect(severityOf(list, w.severity).value).toBeGreaterThan(0);
    }
    expect(vulnerabilities.some((w) => w.exploit === 'poc')).toBe(true);
    expect(vulnerabilities.some((w) => w.exploit === 'weaponized')).toBe(true);
    expect(vulnerabilities.some((w) => (w.epss ?? 0) > 0.5)).toBe(true);
    const configurations = [...all.values()].filter((w) => w.kind === 'configuration');
    expect(configurations.length).toBeGreaterThanOrEqual(5);
    expect(configurations.map((w) => w.id)).toContain('scid-2010');
  });

  it('has findings through software with fixes, statuses, alerts and one CVE through two software', () => {
    const s = snapshots.at(-1)!;
    const statuses = new Set(s.findings.map((f) => f.status));
    expect([...statuses].sort()).toEqual(['exception', 'fixed', 'open']);
    const open = s.findings.filter((f) => f.status === 'open').length;
    expect(open / s.findings.length).toBeGreaterThan(0.85);
    expect(s.findings.filter((f) => f.software && !f.fixedVersion).length).toBeGreaterThan(0);
    const products = new Set(
      s.findings.map((f) => f.software && `${f.software.vendor}/${f.software.product}`),
    );
    for (const p of [
      'microsoft/windows_11',
      'google/chrome',
      'openssl/openssl',
      'openbsd/openssh',
      'apache/log4j',
    ])
      expect(products).toContain(p);
    const pairs = new Map<string, Set<string>>();
    for (const f of s.findings) {
      if (!f.software) continue;
      const key = `${f.device} ${f.weakness}`;
      pairs.set(key, (pairs.get(key) ?? new Set()).add(f.software.product));
    }
    expect([...pairs.values()].some((set) => set.size >= 2)).toBe(true);
    const alertDays = snapshots.filter((x) => x.findings.some((f) => f.activeAlert)).length;
    expect(alertDays).toBeGreaterThan(0);
    expect(alertDays).toBeLessThan(snapshots.length / 2);
  });

  it('drifts threat evidence over time', () => {
    const first = new Map(snapshots[0]!.weaknesses.map((w) => [w.id, w]));
    const later = snapshots.at(-1)!.weaknesses.filter((w) => first.has(w.id));
    expect(later.some((w) => w.epss !== first.get(w.id)!.epss)).toBe(true);
    expect(later.some((w) => w.exploit !== first.get(w.id)!.exploit)).toBe(true);
  });
});
