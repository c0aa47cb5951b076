import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext, openSource } from '../src/context.js';
import { nativeImporter } from '../src/formats/native/index.js';
import { inputLimits, setInputLimits } from '../src/limits.js';
import { InputError } from '../src/messages.js';
import { fixture, importFile, tempDir, writeTemp } from './helpers.js';

const MiB = 1024 * 1024;

afterEach(() => {
  setInputLimits({ document: undefined, input: undefined, line: undefined });
  delete process.env.EXPOSURE_MAX_LINE_MB;
});

describe('input limits', () => {
  it('default, then the variable, then setInputLimits (the CLI option) wins', () => {
    expect(inputLimits()).toEqual({
      maxDocumentBytes: 256 * MiB,
      maxStreamBytes: 8192 * MiB,
      maxLineBytes: 16 * MiB,
    });
    process.env.EXPOSURE_MAX_LINE_MB = '4';
    expect(inputLimits().maxLineBytes).toBe(4 * MiB);
    setInputLimits({ line: 2 });
    expect(inputLimits().maxLineBytes).toBe(2 * MiB);
    setInputLimits({ line: undefined });
    expect(inputLimits().maxLineBytes).toBe(4 * MiB);
  });

  it('bound each line: a line over the limit is refused by its number', async () => {
    const dir = tempDir();
    const path = writeTemp(dir, 'lines.txt', `a\r\nb\n${'x'.repeat(3 * MiB)}\nlast`);
    setInputLimits({ line: 1 });
    const ctx = await createContext(await openSource(path, 'lines.txt'));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const { line, number } of ctx.lines()) seen.push(`${number}:${line}`);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['1:a', '2:b']);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).place).toBe('line 3');
    setInputLimits({ line: 4 });
    const all: string[] = [];
    for await (const { line } of (await createContext(await openSource(path, 'l'))).lines())
      all.push(line.slice(0, 4));
    expect(all).toEqual(['a', 'b', 'xxxx', 'last']);
  });

  it('a native gzip whose trailer understates its size is streamed, not refused', async () => {
    // Two gzip members: the snapshot padded to 2 MiB, then 64 KiB of spaces. The trailer read
    // is the last member's (64 KiB), which is more than the file: the size "looks" true.
    const doc = readFileSync(fixture('native', 'contoso.json'), 'utf8');
    const padded = doc.replace('"devices": [', `"devices": [${' '.repeat(2 * MiB)}`);
    expect(padded).not.toBe(doc);
    const gz = Buffer.concat([gzipSync(padded), gzipSync(' '.repeat(64 * 1024))]);
    expect(gz.readUInt32LE(gz.length - 4)).toBeGreaterThan(gz.length);
    const path = writeTemp(tempDir(), 'lying.json.gz', gz);
    setInputLimits({ document: 1 });
    const streamed = await importFile(nativeImporter, path);
    setInputLimits({ document: undefined });
    const parsed = await importFile(nativeImporter, writeTemp(tempDir(), 'plain.json', doc));
    expect(streamed.devices.map((d) => d.id)).toEqual(parsed.devices.map((d) => d.id));
    expect(streamed.findings.count).toBe(parsed.findings.count);
  });

  it('a plain native file over the document limit is streamed too', async () => {
    const doc = readFileSync(fixture('native', 'contoso.json'), 'utf8');
    const path = writeTemp(
      tempDir(),
      'big.json',
      doc.replace('"devices": [', `"devices": [${' '.repeat(2 * MiB)}`),
    );
    setInputLimits({ document: 1 });
    const s = await importFile(nativeImporter, path);
    expect(s.devices.length).toBeGreaterThan(0);
  });
});
