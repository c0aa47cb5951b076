import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createContext, openSource } from '../src/context.js';
import { defenderImporters } from '../src/formats/defender/index.js';
import { detectShape, eachRecord } from '../src/formats/defender/shapes.js';
import { fixture } from './helpers.js';

const expected: Record<string, string> = {
  'ac233fa6208e1579620bf44207c4006ed7cc4501-vulnerabilities.json': 'vulnerabilities',
  'configuration-score.json': 'configuration-score',
  'exposure-score-by-machine-groups.json': 'exposure-score',
  'exposure-score.json': 'exposure-score',
  'software.json': 'software',
  'configurations.json': 'configurations',
  'export-configurations.jsonl': 'export-lines',
  'export-response.json': 'export-files',
  'export-vulnerabilities.jsonl': 'export-lines',
  'machine.json': 'machines',
  'machines-vulnerabilities.json': 'machine-vulnerabilities',
  'machines.json': 'machines',
  'recommendations.json': 'recommendations',
  'software-inventory.json': 'software-inventory',
  'software-vulnerabilities.json': 'software-vulnerabilities',
  'software-vulnerability-changes.json': 'software-vulnerabilities',
  'vulnerabilities.json': 'vulnerabilities',
};

describe('Defender shape detection', () => {
  const files = readdirSync(fixture('defender')).sort();

  it.each(files)('%s is detected by exactly one importer', (name) => {
    const head = readFileSync(fixture('defender', name), 'utf8');
    expect(detectShape(head)).toBe(expected[name]);
    expect(defenderImporters.filter((i) => i.detect(head))).toHaveLength(1);
  });

  it('decides by the @odata.context name before the keys', () => {
    const head =
      '{"@odata.context":"https://x/api/$metadata#Machines","value":[{"id":"a","cveId":"c","deviceId":"d"}]}';
    expect(detectShape(head)).toBe('machines');
  });

  it('falls back to the keys when the context is rewritten (DefectDojo sample)', () => {
    const head =
      '{"@odata.context":"https://api-eu.securitycenter.windows.com/api/asfDto)","value":[{"id":"x","cveId":"CVE-1","machineId":"m"}]}';
    expect(detectShape(head)).toBe('machine-vulnerabilities');
  });

  it('detects records without an envelope, and JSON lines in either casing', () => {
    expect(detectShape('[{"id":"m","computerDnsName":"a","osPlatform":"Linux"}]')).toBe('machines');
    expect(
      detectShape('{"deviceId":"d","cveId":"CVE-1"}\n{"deviceId":"d","cveId":"CVE-2"}\n'),
    ).toBe('export-lines');
    expect(detectShape('{"DeviceId":"d","ConfigurationId":"scid-1"}\n')).toBe('export-lines');
  });

  it('ignores what is not Defender', () => {
    for (const head of [
      '',
      'cve,epss,percentile\n',
      '{"SchemaVersion":2,"Results":[]}',
      '{"a":1}\n{"b":2}\n',
      '{"value": [',
    ]) {
      expect(detectShape(head)).toBeUndefined();
    }
  });
});

describe('Defender responses read as a stream when large', () => {
  const records = async (path: string, streamAbove?: number) => {
    const ctx = await createContext(await openSource(path, basename(path)));
    const out: Array<{ record: unknown; at: string }> = [];
    for await (const { record, loc } of eachRecord(ctx, streamAbove))
      out.push({ record, at: loc.at('id') });
    return out;
  };

  it.each(['software-vulnerabilities.json', 'machines.json'])(
    '%s gives the same records and paths streamed as parsed whole',
    async (name) => {
      const whole = await records(fixture('defender', name));
      expect(whole.length).toBeGreaterThan(1);
      expect(await records(fixture('defender', name), 0)).toEqual(whole);
    },
  );

  it('streams a bare list and a gzip file too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'defender-stream-'));
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const plain = join(dir, 'list.json');
    await writeFile(plain, JSON.stringify(list));
    const gz = join(dir, 'envelope.json.gz');
    await writeFile(gz, gzipSync(JSON.stringify({ '@odata.context': 'x', value: list })));
    expect(await records(plain, 0)).toEqual(
      list.map((record, i) => ({ record, at: `$[${i}].id` })),
    );
    expect(await records(gz, 0)).toEqual(
      list.map((record, i) => ({ record, at: `$.value[${i}].id` })),
    );
  });

  it('names the record where a streamed response breaks off', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'defender-stream-'));
    const cut = join(dir, 'cut.json');
    await writeFile(cut, '{"@odata.context":"x","value":[{"id":"a"},{"id":"b"},{"id":');
    await expect(records(cut, 0)).rejects.toThrow(/cut\.json.*\$\.value\[2\]/);
  });
});
