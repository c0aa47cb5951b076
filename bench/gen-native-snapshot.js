#!/usr/bin/env node
// Writes one large native snapshot (exposure-snapshot/1) for the benchmarks, streamed in chunks
// so that a million findings never sit in memory as one string.
//
//   node bench/gen-native-snapshot.js [out=bench/data/native-20k.json] [devices=20000] [findingsPerDevice=50] [seed]
//
// Run after `npm run build` (it imports @exposure/demo's dist).
import { once } from 'node:events';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeSnapshotChunks } from '@exposure/demo';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [outArg, devicesArg, perDeviceArg, seedArg] = process.argv.slice(2);
const out = resolve(outArg ?? `${root}/bench/data/native-20k.json`);
const devices = Number(devicesArg ?? 20_000);
const findingsPerDevice = Number(perDeviceArg ?? 50);
const seed = seedArg === undefined ? undefined : Number(seedArg);

for (const [name, value] of [
  ['devices', devices],
  ['findingsPerDevice', findingsPerDevice],
  ['seed', seed ?? 0],
]) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`gen-native-snapshot: ${name} must be a non-negative integer`);
    process.exit(2);
  }
}

mkdirSync(dirname(out), { recursive: true });
const started = performance.now();
const stream = createWriteStream(out);
for (const chunk of writeLargeSnapshotChunks({
  devices,
  findingsPerDevice,
  ...(seed !== undefined && { seed }),
})) {
  // Respect back-pressure: wait for the file to drain rather than buffering the whole document.
  if (!stream.write(chunk)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
const seconds = (performance.now() - started) / 1000;
const mb = statSync(out).size / 1e6;
console.log(
  `${out}: ${devices} devices × ${findingsPerDevice} findings = ${devices * findingsPerDevice} findings, ` +
    `${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB)`,
);
