import { describe, expect, it } from 'vitest';
import {
  fromStateRecord,
  SnapshotBuilder,
  SnapshotError,
  toStateRecord,
  type FindingInput,
} from '../src/index.js';
import { makeDevice, makeSnapshot, makeWeakness, T0 } from './builders.js';

const findings: FindingInput[] = [
  {
    device: 'web-1',
    weakness: 'CVE-B',
    software: { vendor: 'OpenSSL', product: 'openssl', version: '3.0.1' },
    fixedVersion: '3.0.9',
  },
  { device: 'web-1', weakness: 'CVE-A', status: 'fixed', activeAlert: true },
  {
    device: 'db',
    weakness: 'CVE-B',
    software: { vendor: 'openssl', product: 'OpenSSL', version: '3.0.1' },
    status: 'exception',
    recommendation: { id: 'rec-1', title: 'Update OpenSSL' },
  },
  { device: 'db', weakness: 'CVE-A', software: { vendor: 'x', product: 'y' }, fixedVersion: '2' },
];
const source = makeSnapshot({
  devices: [makeDevice('web-1', { group: 'Web' }), makeDevice('db')],
  weaknesses: [makeWeakness('CVE-A', 9.8), makeWeakness('CVE-B', 5)],
  findings,
});

function target(): SnapshotBuilder {
  // Tables in another order than the source's, so that every index has to be translated.
  const b = new SnapshotBuilder({ takenAt: T0, organization: 'Test' });
  b.addDevice({ id: 'db' });
  b.addDevice({ id: 'web-1', group: 'Web' });
  b.addWeakness(makeWeakness('CVE-B', 5));
  b.addWeakness(makeWeakness('CVE-A', 9.8));
  b.addFinding({ device: 'db', weakness: 'CVE-B', fixedVersion: '2' });
  return b;
}

describe('SnapshotBuilder.addFindingsFrom', () => {
  it('adds the same findings as addFinding of each row, tables translated', () => {
    const bulk = target();
    bulk.addFindingsFrom(source);
    const oneByOne = target();
    for (const f of findings) oneByOne.addFinding(f);
    expect(bulk.build()).toEqual(oneByOne.build());
  });

  it('adds only the rows asked for, in the order given', () => {
    const bulk = target();
    bulk.addFindingsFrom(source, { order: [3, 0, 2], from: 1, to: 3 });
    const oneByOne = target();
    for (const n of [0, 2]) oneByOne.addFinding(findings[n]!);
    expect(bulk.build()).toEqual(oneByOne.build());
  });

  it('refuses a finding whose weakness was not added, and an index past a table', () => {
    const empty = new SnapshotBuilder({ takenAt: T0 });
    expect(() => empty.addFindingsFrom(source)).toThrow(/unknown weakness "CVE-B"/);
    const record = toStateRecord(source, new Map());
    const software = Int32Array.from(record.findings.software);
    software[0] = 99;
    record.findings.software = software;
    expect(() => fromStateRecord(record)).toThrow(SnapshotError);
    expect(() => fromStateRecord(record)).toThrow(/damaged: a finding names software 99/);
  });

  it('reads a state record back to the state it was written from', () => {
    const record = toStateRecord(source, new Map([['db', Date.parse(T0)]]));
    const { builder, observedAt } = fromStateRecord(record);
    expect(builder.build()).toEqual(source);
    expect(observedAt.get('db')).toBe(Date.parse(T0));
  });
});
