/**
 * Native snapshots above the document limit (256 MiB by default) are streamed: split into
 * elements by a byte scan and parsed in batches (packages/ingest/src/formats/native/split.ts).
 * Here the limit is lowered to 16 KiB with EXPOSURE_MAX_DOCUMENT_MB so that a small generated
 * snapshot takes the streaming path, and the result must be the one of reading it whole: the same
 * exposure.json, byte for byte, and the same file and place in the message for a bad element.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateLargeSnapshot } from '@exposure/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, scratch } from './helpers.js';

/** 16 KiB: far below the generated file, so that it is streamed. */
const STREAMED = { EXPOSURE_MAX_DOCUMENT_MB: String(16 / 1024) };

beforeAll(() => assertBuilt());

/**
 * 500 devices × 50 findings (25,000, ~4.9 MB), with fixed, exception and alert findings among
 * them: read in many chunks, and in many batches of elements (64 KiB each).
 */
function snapshotText(): string {
  return JSON.stringify(generateLargeSnapshot({ devices: 500, findingsPerDevice: 50, seed: 7 }));
}

async function both(dir: string, file: string) {
  const whole = await exposure(['score', '--json', '--quiet', file], { cwd: dir });
  const streamed = await exposure(['score', '--json', '--quiet', file], {
    cwd: dir,
    env: STREAMED,
  });
  return { whole, streamed };
}

describe('a native snapshot read as a stream', () => {
  it('gives the same exposure.json, byte for byte, as reading it whole', async () => {
    const dir = await scratch('native-stream');
    const text = snapshotText();
    expect(text.length).toBeGreaterThan(4.5 * 1024 * 1024);
    await writeFile(join(dir, 'snap.json'), text);
    const { whole, streamed } = await both(dir, 'snap.json');
    expect(whole.code).toBe(0);
    expect(streamed.code).toBe(0);
    const doc = JSON.parse(whole.stdout) as { summary?: unknown };
    expect(doc).toBeTypeOf('object');
    expect(streamed.stdout).toBe(whole.stdout);
    // Pretty-printed input (spaces and line breaks between every token) reads the same too.
    await writeFile(join(dir, 'pretty.json'), JSON.stringify(JSON.parse(text), null, 2));
    const pretty = await exposure(['score', '--json', '--quiet', 'pretty.json'], {
      cwd: dir,
      env: STREAMED,
    });
    expect(pretty.code).toBe(0);
    // Only the input's name and digest differ.
    const strip = (s: string) => s.replace(/"(?:path|sha256|digest)": "[^"]*"/g, '"…": ""');
    expect(strip(pretty.stdout)).toBe(strip(whole.stdout));
  });

  it('names the file and the element of a bad finding as reading it whole does', async () => {
    const dir = await scratch('native-stream-bad');
    const doc = JSON.parse(snapshotText()) as { findings: Array<Record<string, unknown>> };
    doc.findings[23456]!.status = 'opened';
    await writeFile(join(dir, 'snap.json'), JSON.stringify(doc));
    const { whole, streamed } = await both(dir, 'snap.json');
    expect(whole.code).toBe(2);
    expect(streamed.code).toBe(2);
    expect(streamed.stderr).toContain('snap.json');
    expect(streamed.stderr).toContain('$.findings[23456].status');
    expect(streamed.stderr).toBe(whole.stderr);
  });

  it('names the file and the element of a finding with an unknown weakness', async () => {
    const dir = await scratch('native-stream-unknown');
    const doc = JSON.parse(snapshotText()) as { findings: Array<Record<string, unknown>> };
    doc.findings[19999]!.weakness = 'CVE-0000-0000';
    await writeFile(join(dir, 'snap.json'), JSON.stringify(doc));
    const { whole, streamed } = await both(dir, 'snap.json');
    expect(streamed.code).toBe(2);
    expect(streamed.stderr).toContain('$.findings[19999].weakness');
    expect(streamed.stderr).toContain('CVE-0000-0000');
    expect(streamed.stderr).toBe(whole.stderr);
  });

  it('names the element where the JSON breaks (the whole read names the line)', async () => {
    const dir = await scratch('native-stream-syntax');
    const doc = JSON.parse(snapshotText()) as { findings: unknown[] };
    const text = JSON.stringify(doc);
    // The 21,001st finding loses the colon after its first key.
    let at = text.indexOf('"findings":[') + 12;
    for (let i = 0; i < 21000; i++) at = text.indexOf('{"device"', at + 1);
    const broken = text.slice(0, at) + text.slice(at).replace('"device":', '"device" ');
    await writeFile(join(dir, 'snap.json'), broken);
    const { whole, streamed } = await both(dir, 'snap.json');
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/snap\.json.*line 1/);
    expect(streamed.code).toBe(2);
    expect(streamed.stderr).toContain('snap.json');
    expect(streamed.stderr).toContain('at $.findings[21000]');
    expect(streamed.stderr).toContain('is not valid JSON');
    expect(streamed.stderr).not.toMatch(/^\s+at /m);
  });
});
