/**
 * The vulnerability catalogue: `GET /api/vulnerabilities`, `GET /api/vulnerabilities/{id}` and a
 * recommendation's `vulnerabilities`. Weaknesses only: it says what each vulnerability is, not
 * where it is found; merged with the findings of the same time, it completes their weaknesses.
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

export const defenderVulnerabilities: Importer = {
  format: 'defender-vulnerabilities',
  label: 'Microsoft Defender vulnerability catalogue (GET /api/vulnerabilities; weaknesses only)',
  detect: (head) => detectShape(head) === 'vulnerabilities',
  async import(ctx) {
    for await (const { record, loc } of eachRecord(ctx)) {
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
    }
  },
};
