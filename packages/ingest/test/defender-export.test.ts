import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createContext, openSource } from '../src/context.js';
import { defenderExportLines, defenderExportResponse } from '../src/formats/defender/export.js';
import { deviceById, findingRows, weaknessById } from './defender-helpers.js';
import { fixture, importFile, tempDir, writeTemp } from './helpers.js';

describe('Defender export files (JSON lines)', () => {
  it('streams software vulnerability records (PascalCase), skipping blank lines', async () => {
    const s = await importFile(
      defenderExportLines,
      fixture('defender', 'export-vulnerabilities.jsonl'),
    );
    expect(findingRows(s)).toEqual([
      {
        device: 'dev-x',
        weakness: 'CVE-2020-11022',
        software: 'slack/slack@4.1.2.0',
        fixedVersion: '4.4.0',
        status: 'open',
        recommendation: 'va-_-slack-_-slack',
      },
      {
        device: 'dev-x',
        weakness: 'TVM-0001-00000000',
        software: 'slack/slack@4.1.2.0',
        status: 'open',
        recommendation: 'va-_-slack-_-slack',
      },
      {
        device: 'dev-y',
        weakness: 'CVE-2023-36884',
        software: 'microsoft/windows_11@10.0.22621.2428',
        fixedVersion: 'KB5031354',
        status: 'open',
        recommendation: 'va-_-microsoft-_-windows_11',
      },
    ]);
    expect(weaknessById(s, 'TVM-0001-00000000')).toMatchObject({
      label: 'critical',
      cvss: [{ version: '3.1', score: 9 }],
    });
    expect(weaknessById(s, 'CVE-2023-36884').exploit).toBe('weaponized');
    expect(deviceById(s, 'dev-x')).toMatchObject({
      name: 'ws-x',
      group: 'UnassignedGroup',
      os: 'Windows11 10.0.22621.2428',
      lastSeen: '2023-11-02T11:30:00.000Z',
    });
  });

  it('reads the same file gzipped', async () => {
    const dir = tempDir();
    const gz = writeTemp(
      dir,
      'part-00000.json.gz',
      gzipSync(readFileSync(fixture('defender', 'export-vulnerabilities.jsonl'))),
    );
    const ctx = await createContext(await openSource(gz, gz));
    expect(defenderExportLines.detect(ctx.file.head)).toBe(true);
    await defenderExportLines.import(ctx);
    expect(ctx.builder.findingCount).toBe(3);
  });

  it('reads secure configuration export records', async () => {
    const s = await importFile(
      defenderExportLines,
      fixture('defender', 'export-configurations.jsonl'),
    );
    expect(findingRows(s)).toEqual([
      { device: 'dev-x', weakness: 'scid-2010', status: 'open', recommendation: 'sca-_-scid-2010' },
      {
        device: 'dev-y',
        weakness: 'scid-2010',
        status: 'fixed',
        recommendation: 'sca-_-scid-2010',
      },
    ]);
    expect(weaknessById(s, 'scid-2010')).toMatchObject({
      kind: 'configuration',
      label: 'critical',
    });
  });

  it('names the line of a record that is not JSON', async () => {
    const dir = tempDir();
    const lines = readFileSync(fixture('defender', 'export-vulnerabilities.jsonl'), 'utf8').split(
      '\n',
    );
    lines[3] = lines[3]!.slice(0, 40);
    const p = writeTemp(dir, 'broken.json', lines.join('\n'));
    await expect(importFile(defenderExportLines, p)).rejects.toThrow(
      /\(line 4\): is not a JSON record/,
    );
  });

  it('names the line and field of a record without its device', async () => {
    const dir = tempDir();
    const p = writeTemp(
      dir,
      'no-device.json',
      '{"DeviceId":"a","CveId":"CVE-1"}\n{"DeviceName":"b","CveId":"CVE-2"}\n',
    );
    await expect(importFile(defenderExportLines, p)).rejects.toThrow(
      /\(line 2, \$\.DeviceId\): is missing the required field "DeviceId"/,
    );
  });

  it('takes the device of a record saved without DeviceId from the machine id its Id starts with', async () => {
    const p = writeTemp(
      tempDir(),
      'file-record.json',
      '{"Id":"41136cdbe088d0738b499d4d72575b9bfbb19c49_slack_slack_4.1.2.0_TVM-0001-00000000","DeviceName":"<REDACTED>","SoftwareVendor":"slack","SoftwareName":"slack","SoftwareVersion":"4.1.2.0","CveId":"TVM-0001-00000000","CvssScore":9}\n',
    );
    const s = await importFile(defenderExportLines, p);
    expect(findingRows(s)).toEqual([
      {
        device: '41136cdbe088d0738b499d4d72575b9bfbb19c49',
        weakness: 'TVM-0001-00000000',
        software: 'slack/slack@4.1.2.0',
        status: 'open',
      },
    ]);
    expect(s.devices[0]!.name).toBe('<REDACTED>');
  });

  it('rejects a line that is not an assessment record', async () => {
    const dir = tempDir();
    const p = writeTemp(dir, 'other.json', '{"DeviceId":"a"}\n');
    await expect(importFile(defenderExportLines, p)).rejects.toThrow(
      /\(line 1\): is not a Defender export record/,
    );
  });
});

describe('Defender export response (exportFiles[])', () => {
  it('adds nothing and explains that the listed files are the inputs', async () => {
    const p = fixture('defender', 'export-response.json');
    const ctx = await createContext(await openSource(p, p));
    await defenderExportResponse.import(ctx);
    expect(ctx.builder.findingCount).toBe(0);
    expect(ctx.notes.warnings).toHaveLength(1);
    expect(ctx.notes.warnings[0]).toMatch(
      /export-response\.json \(\$\.exportFiles\): is a Defender export response generated 2021-01-11T11:01:00Z: it lists 2 download URLs but holds no findings itself, so it adds none\. Download every file listed/,
    );
  });
});
