import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Importer } from '../src/importer.js';
import { defenderConfigurations } from '../src/formats/defender/config.js';
import { defenderMachineVulnerabilities } from '../src/formats/defender/machine-vulns.js';
import { defenderMachines } from '../src/formats/defender/machines.js';
import { defenderSoftwareVulnerabilities } from '../src/formats/defender/software-vulns.js';
import { defenderVulnerabilities } from '../src/formats/defender/vulnerabilities.js';
import { InputError } from '../src/messages.js';
import { fixture, importFile, tempDir, writeTemp } from './helpers.js';

/** A fixture with one record changed. */
function mutated(
  name: string,
  index: number,
  change: (r: Record<string, unknown>) => void,
): string {
  const doc = JSON.parse(readFileSync(fixture('defender', name), 'utf8')) as Record<
    string,
    unknown
  >;
  const list = (Array.isArray(doc) ? doc : doc.value) as Array<Record<string, unknown>>;
  change(list[index]!);
  return writeTemp(tempDir(), name, doc);
}

const cases: Array<
  [string, Importer, string, number, (r: Record<string, unknown>) => void, RegExp]
> = [
  [
    'missing cveId',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    3,
    (r) => delete r.cveId,
    /\(\$\.value\[3\]\.cveId\): is missing the required field "cveId"/,
  ],
  [
    'a lastSeenTimestamp that is not a time (refused: dropping it would bring a stale device back)',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    3,
    (r) => (r.lastSeenTimestamp = 'not a time'),
    /\(\$\.value\[3\]\.lastSeenTimestamp\): "not a time" is not a valid ISO 8601 time/,
  ],
  [
    'a lastSeenTimestamp on a day that does not exist',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    1,
    (r) => (r.lastSeenTimestamp = '2021-02-30 10:00:00'),
    /\(\$\.value\[1\]\.lastSeenTimestamp\): "2021-02-30 10:00:00" is not a valid ISO 8601 time/,
  ],
  [
    'null deviceId',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    1,
    (r) => (r.deviceId = null),
    /\(\$\.value\[1\]\.deviceId\): is missing the required field "deviceId"/,
  ],
  [
    'numeric cveId',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    0,
    (r) => (r.cveId = 42),
    /\(\$\.value\[0\]\.cveId\): should be a string or null, found number 42/,
  ],
  [
    'unknown exploitability',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    0,
    (r) => (r.exploitabilityLevel = 'Maybe'),
    /\(\$\.value\[0\]\.exploitabilityLevel\): "Maybe" is not an exploitability level/,
  ],
  [
    'unknown change status',
    defenderSoftwareVulnerabilities,
    'software-vulnerability-changes.json',
    2,
    (r) => (r.status = 'Gone'),
    /\(\$\.value\[2\]\.status\): "Gone" is not a change status/,
  ],
  [
    'cvss out of range',
    defenderSoftwareVulnerabilities,
    'software-vulnerabilities.json',
    1,
    (r) => (r.cvssScore = 78),
    /\(\$\.value\[1\]\.cvssScore\): should be between 0 and 10, found 78/,
  ],
  [
    'missing machineId',
    defenderMachineVulnerabilities,
    'machines-vulnerabilities.json',
    1,
    (r) => delete r.machineId,
    /\(\$\[1\]\.machineId\): is missing the required field "machineId"/,
  ],
  [
    'bad device value',
    defenderMachines,
    'machines.json',
    1,
    (r) => (r.deviceValue = 'Gold'),
    /\(\$\.value\[1\]\.deviceValue\): "Gold" is not a device value/,
  ],
  [
    'tags not strings',
    defenderMachines,
    'machines.json',
    0,
    (r) => (r.machineTags = [1]),
    /\(\$\.value\[0\]\.machineTags\): should be a list of strings, found an array/,
  ],
  [
    'exploit flag not boolean',
    defenderVulnerabilities,
    'vulnerabilities.json',
    2,
    (r) => (r.publicExploit = 'yes'),
    /\(\$\.value\[2\]\.publicExploit\): should be true or false/,
  ],
  [
    'impact not a number',
    defenderConfigurations,
    'configurations.json',
    0,
    (r) => (r.configurationImpact = 'high'),
    /\(\$\.value\[0\]\.configurationImpact\): should be a number, found the string "high"/,
  ],
  [
    'missing configurationId',
    defenderConfigurations,
    'configurations.json',
    4,
    (r) => delete r.configurationId,
    /\(\$\.value\[4\]\.configurationId\): is missing the required field "configurationId"/,
  ],
];

describe('Defender bad input', () => {
  it.each(cases)(
    '%s gives an InputError naming the JSON path',
    async (_, importer, name, index, change, message) => {
      const p = mutated(name, index, change);
      const err = await importFile(importer, p).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
    },
  );

  it('rejects a value that is not a list', async () => {
    const p = writeTemp(tempDir(), 'x.json', { '@odata.context': 'x#Machines', value: {} });
    await expect(importFile(defenderMachines, p)).rejects.toThrow(
      /\(\$\.value\): should be a list of records/,
    );
  });

  it('rejects a record that is not an object', async () => {
    const p = writeTemp(tempDir(), 'x.json', {
      '@odata.context': 'x#Machines',
      value: [{ id: 'a' }, 'b'],
    });
    await expect(importFile(defenderMachines, p)).rejects.toThrow(
      /\(\$\.value\[1\]\): should be an object/,
    );
  });
});
