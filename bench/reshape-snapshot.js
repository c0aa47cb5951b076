#!/usr/bin/env node
// Reshapes a native snapshot for the benchmarks' other shapes of the same findings:
//
//   node bench/reshape-snapshot.js IN OUT software [variants=2000]
//     each finding's product gets one of `variants` suffixes, picked from its device and weakness
//     (a pair keeps its software): ~60,000 distinct software and as many recommendations from
//     the bench's 1M findings, the shape where per-recommendation work dominates.
//   node bench/reshape-snapshot.js IN OUT fold [k=20]
//     every k devices become one (their findings joined): 20,000 × 50 becomes 1,000 devices with
//     up to 1,000 findings each, the same weakness often through several software.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, out, mode, arg] = process.argv.slice(2);
if (!input || !out || (mode !== 'software' && mode !== 'fold')) {
  console.error('usage: reshape-snapshot.js IN OUT software [variants] | fold [k]');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, 'utf8'));

/** FNV-1a: a fixed, cheap spread of a text over n buckets. */
function bucket(text, n) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % n;
}

if (mode === 'software') {
  const variants = Number(arg ?? 2000);
  const software = new Set();
  for (const f of doc.findings) {
    if (!f.software) continue;
    const product = `${f.software.product}-${bucket(f.device + f.weakness, variants)}`;
    f.software = { ...f.software, product };
    software.add(`${f.software.vendor}/${product}`);
  }
  console.log(`${out}: ${doc.findings.length} findings, ${software.size} distinct software`);
} else {
  const k = Number(arg ?? 20);
  const into = new Map(doc.devices.map((d, i) => [d.id, doc.devices[i - (i % k)].id]));
  doc.devices = doc.devices.filter((_, i) => i % k === 0);
  // Two folded devices can hold the same finding: it is then listed twice, as scanners do.
  for (const f of doc.findings) f.device = into.get(f.device);
  console.log(`${out}: ${doc.devices.length} devices, ${doc.findings.length} findings`);
}
writeFileSync(out, JSON.stringify(doc));
