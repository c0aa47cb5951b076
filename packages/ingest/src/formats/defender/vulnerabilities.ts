/**
 * The vulnerability catalogue: `GET /api/vulnerabilities`, `GET /api/vulnerabilities/{id}` and a
 * recommendation's `vulnerabilities`. Weaknesses only: it says what each vulnerability is, not
 * where it is found; merged with the findings of the same time, it completes their weaknesses.
 *
 * One machine's vulnerabilities, `GET /api/machines/{id}/vulnerabilities`, answer in the same
 * shape: the machine is only in the request URL. When the file name (or its folder's) holds a
 * Defender machine id (40 hex digits: `ac233fa6…4501-vulnerabilities.json`), every vulnerability
 * becomes an open finding on that machine, and the file covers that one machine (a partial
 * observation). Otherwise the file adds no findings, and when no other input finds any of its
 * vulnerabilities the user is told so (rather than scoring 0 in silence).
 *
 * | Defender field                       | model                                                  |
 * | ------------------------------------ | ------------------------------------------------------ |
 * | id (required; CVE or `TVM-…`)        | weakness.id, kind `vulnerability`                      |
 * | name (when not the id)               | weakness.title                                         |
 * | description                          | weakness.description                                   |
 * | severity                             | weakness.severity                                      |
 * | cvssV3 + cvssVector                  | weakness.cvss (version from the vector, else 3.1)      |
 * | publishedOn                          | weakness.published (date)                              |
 * | exploitInKit or exploitVerified      | weakness.exploit weaponized                            |
 * | publicExploit                        | weakness.exploit poc (all three false: none)           |
 * | exploitTypes                         | not used: the kind of exploit, not its maturity        |
 * | exploitUris                          | weakness.references                                    |
 * | epss (0–1, when present)             | weakness.epss                                          |
 */
import { basename, dirname } from 'node:path';
import type { Importer } from '../../importer.js';
import {
  defenderTime,
  inRange,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringArray,
  requiredString,
  requireRecord,
} from './fields.js';
import { cvssOf, exploitFromFlags, severityLabel } from './map.js';
import { detectShape, eachRecord } from './shapes.js';

const MACHINE_ID = /(?:^|[^0-9a-f])([0-9a-f]{40})(?![0-9a-f])/i;

/** The Defender machine id a file's name, or else its folder's name, holds. */
export function machineIdFromPath(displayPath: string): string | undefined {
  const path = displayPath.replace(/\\/g, '/');
  for (const part of [basename(path), basename(dirname(path))]) {
    const m = MACHINE_ID.exec(part);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}

export const defenderVulnerabilities: Importer = {
  format: 'defender-vulnerabilities',
  label: 'Microsoft Defender vulnerability catalogue (GET /api/vulnerabilities; weaknesses only)',
  detect: (head) => detectShape(head) === 'vulnerabilities',
  async import(ctx) {
    const machine = machineIdFromPath(ctx.file.displayPath);
    if (machine) {
      ctx.builder.addDevice({ id: machine });
      ctx.notes.coverage = 'partial';
    }
    let count = 0;
    for await (const { record, loc } of eachRecord(ctx)) {
      count++;
      const rec = requireRecord(record, loc);
      const id = requiredString(rec, 'id', loc);
      const name = optionalString(rec, 'name', loc);
      const description = optionalString(rec, 'description', loc);
      const severity = severityLabel(optionalString(rec, 'severity', loc));
      const cvss = cvssOf(
        inRange(optionalNumber(rec, 'cvssV3', loc), 0, 10, 'cvssV3', loc),
        optionalString(rec, 'cvssVector', loc),
      );
      const published = defenderTime(optionalString(rec, 'publishedOn', loc))?.slice(0, 10);
      const exploit = exploitFromFlags({
        publicExploit: optionalBoolean(rec, 'publicExploit', loc),
        exploitVerified: optionalBoolean(rec, 'exploitVerified', loc),
        exploitInKit: optionalBoolean(rec, 'exploitInKit', loc),
      });
      optionalStringArray(rec, 'exploitTypes', loc);
      const references = optionalStringArray(rec, 'exploitUris', loc);
      const epss = inRange(optionalNumber(rec, 'epss', loc), 0, 1, 'epss', loc);
      ctx.builder.addWeakness({
        id,
        kind: 'vulnerability',
        ...(name && name !== id && { title: name }),
        ...(description && { description }),
        ...(severity && { severity }),
        ...(cvss && { cvss }),
        ...(published && { published }),
        ...(exploit && { exploit }),
        ...(epss !== undefined && { epss }),
        ...(references?.length && { references }),
      });
      if (machine) ctx.builder.addFinding({ device: machine, weakness: id });
    }
    if (!machine) {
      ctx.notes.unmatched =
        `${ctx.file.displayPath}: a Defender vulnerability list (${count} vulnerabilit${count === 1 ? 'y' : 'ies'}) ` +
        'names no device, and no other input finds any of them, so it adds no findings. If it is one ' +
        "machine's GET /api/machines/{id}/vulnerabilities, put the machine id in its file name " +
        '(<machine id>-vulnerabilities.json) to score them on that machine';
    }
  },
};
