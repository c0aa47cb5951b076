#!/usr/bin/env node
// Writes the data of the history benchmark: a fleet of DEVICES devices with a history of DAYS
// days, and today's scans of a tenth of the devices (one Trivy report each).
//
//   node bench/gen-history.js OUT_DIR [devices=20000] [findingsPerDevice=20] [days=365]
//
// OUT_DIR/history/  the history as two real daily runs leave it (a full snapshot two days ago, a
//                   tenth rescanned yesterday), its earlier days filled in from yesterday's record
// OUT_DIR/scans/    today's Trivy reports, each device's findings partly changed
// Run after `npm run build` (it imports the packages' dist).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateLargeSnapshot } from '@exposure/demo';
import { loadInputs, readHistoryFolder, writeHistoryFolder } from '@exposure/ingest';
import { evaluate } from '@exposure/score';

const [outArg, devicesArg, perDeviceArg, daysArg] = process.argv.slice(2);
const out = resolve(outArg ?? 'bench/data/history-20k');
const devices = Number(devicesArg ?? 20_000);
const perDevice = Number(perDeviceArg ?? 20);
const days = Number(daysArg ?? 365);
const DAY = 86_400_000;
const today = Date.parse('2026-11-30T08:00:00Z');
const iso = (t) => new Date(t).toISOString();

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'scans'), { recursive: true });
const history = join(out, 'history');
const snapshot = generateLargeSnapshot({
  devices,
  findingsPerDevice: perDevice,
  takenAt: iso(today - 2 * DAY),
});
// Every device was seen when the fleet was listed.
for (const d of snapshot.devices) d.lastSeen = snapshot.takenAt;
const byDevice = new Map();
for (const f of snapshot.findings) {
  const list = byDevice.get(f.device) ?? [];
  list.push(f);
  byDevice.set(f.device, list);
}
const weaknesses = new Map(snapshot.weaknesses.map((w) => [w.id, w]));

/** A Trivy report of one device: its findings, the k-th of every `drop` left out (remediated). */
function trivy(device, time, drop, k) {
  const findings = (byDevice.get(device.id) ?? []).filter(
    (f, i) => f.status !== 'fixed' && (drop === 0 || i % drop !== k),
  );
  const vulns = findings.map((f) => {
    const w = weaknesses.get(f.weakness);
    const cvss = Array.isArray(w.cvss) ? w.cvss[0] : w.cvss;
    return {
      VulnerabilityID: w.id,
      PkgName: f.software?.product ?? 'pkg',
      InstalledVersion: f.software?.version ?? '1.0.0',
      ...(f.fixedVersion && { FixedVersion: f.fixedVersion }),
      Severity: (w.severity ?? 'medium').toUpperCase(),
      ...(w.title && { Title: w.title }),
      ...(cvss?.score !== undefined && { CVSS: { nvd: { V3Score: cvss.score } } }),
    };
  });
  return {
    SchemaVersion: 2,
    CreatedAt: iso(time),
    ArtifactName: device.id,
    ArtifactType: 'container_image',
    Results: [{ Target: device.id, Class: 'os-pkgs', Type: 'debian', Vulnerabilities: vulns }],
  };
}

function writeScans(dir, time, drop, k) {
  mkdirSync(dir, { recursive: true });
  snapshot.devices.forEach((d, i) => {
    if (i % 10 !== k) return;
    writeFileSync(join(dir, `${d.id}.json`), JSON.stringify(trivy(d, time + i * 1000, drop, k)));
  });
}

async function runDay(paths) {
  const loaded = await loadInputs(paths, { history });
  const e = evaluate({ ...loaded, history: loaded.history, keepHistory: true });
  await writeHistoryFolder(history, e.history);
}

const started = performance.now();
const day0 = join(out, 'day0.json');
writeFileSync(day0, JSON.stringify(snapshot));
await runDay([day0]);
rmSync(day0);
const yesterday = join(out, 'yesterday');
writeScans(yesterday, today - DAY, 4, 3);
await runDay([yesterday]);
rmSync(yesterday, { recursive: true });
writeScans(join(out, 'scans'), today, 5, 1);

// The days before: yesterday's record, moved back one day at a time.
const stored = await readHistoryFolder(history);
const record = stored.record;
const template = JSON.stringify(record.days[record.days.length - 1]);
const shift = (text, by) =>
  text.replace(/"(\d{4}-\d{2}-\d{2})(T[0-9:.]+Z)?"/g, (_, day, rest = '') => {
    const t = Date.parse(`${day}${rest || 'T00:00:00Z'}`) - by * DAY;
    return `"${rest ? iso(t) : iso(t).slice(0, 10)}"`;
  });
const earlier = [];
for (let back = days - 1; back >= 2; back--) earlier.push(JSON.parse(shift(template, back)));
record.days = [...earlier, ...record.days];
await writeHistoryFolder(history, record);
console.error(
  `gen-history: ${devices} devices × ${perDevice} findings, ${record.days.length} days, ` +
    `${Math.round(devices / 10)} scans today, in ${Math.round(performance.now() - started)} ms`,
);
