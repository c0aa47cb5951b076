import { describe, expect, it } from 'vitest';
import { buildSnapshot, generateLargeSnapshot, writeLargeSnapshotChunks } from '../src/index.js';

describe('large snapshots for benchmarks', () => {
  it('has exactly devices × findingsPerDevice findings, distinct per device', () => {
    const file = generateLargeSnapshot({ devices: 300, findingsPerDevice: 50, seed: 3 });
    expect(file.devices).toHaveLength(300);
    expect(file.findings).toHaveLength(15_000);
    const pairs = new Set(file.findings.map((f) => `${f.device} ${f.weakness}`));
    expect(pairs.size).toBe(15_000);
    const snap = buildSnapshot(file);
    expect(snap.findings.count).toBe(15_000);
    expect(snap.takenAt).toBe('2026-11-01T06:00:00.000Z');
  });

  it('streams the same JSON text as the in-memory form', () => {
    const options = {
      devices: 620,
      findingsPerDevice: 7,
      seed: 9,
      takenAt: '2026-03-01T00:00:00Z',
    };
    const chunks = [...writeLargeSnapshotChunks(options)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(JSON.stringify(generateLargeSnapshot(options)));
  });

  it('handles a device count that is not a multiple of the chunk size and zero findings', () => {
    const text = [...writeLargeSnapshotChunks({ devices: 3, findingsPerDevice: 0 })].join('');
    const parsed = JSON.parse(text);
    expect(parsed.devices).toHaveLength(3);
    expect(parsed.findings).toEqual([]);
  });

  it('is deterministic by seed', () => {
    const a = generateLargeSnapshot({ devices: 50, findingsPerDevice: 10, seed: 1 });
    expect(generateLargeSnapshot({ devices: 50, findingsPerDevice: 10, seed: 1 })).toEqual(a);
    expect(generateLargeSnapshot({ devices: 50, findingsPerDevice: 10, seed: 2 })).not.toEqual(a);
  });
});
