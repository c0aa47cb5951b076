/**
 * Defender's software list: `GET /api/Software`, `GET /api/Software/{id}` and a recommendation's
 * `software` (`PublicProductDto`). Each entry counts the weaknesses and exposed machines Defender
 * found for a product, but names no machine and no vulnerability, so there is nothing to score:
 * the file is recognised, checked, and said to add no findings (the findings of the same software
 * come from `SoftwareVulnerabilitiesByMachine` or the export).
 *
 * | Defender field                    | use                                             |
 * | --------------------------------- | ----------------------------------------------- |
 * | id (required; `vendor-_-product`) | checked                                         |
 * | name, vendor                      | named in the warning                            |
 * | weaknesses, exposedMachines       | quoted in the warning (Defender's own counts)   |
 */
import { softwareName } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { optionalNumber, optionalString, requiredString, requireRecord } from './fields.js';
import { detectShape, eachRecord } from './shapes.js';

export const defenderSoftware: Importer = {
  format: 'defender-software',
  label: 'Microsoft Defender software list (GET /api/Software; holds no findings)',
  detect: (head) => detectShape(head) === 'software',
  async import(ctx) {
    const names: string[] = [];
    let weaknesses = 0;
    for await (const { record, loc } of eachRecord(ctx)) {
      const rec = requireRecord(record, loc);
      const id = requiredString(rec, 'id', loc);
      const name = optionalString(rec, 'name', loc);
      const vendor = optionalString(rec, 'vendor', loc);
      weaknesses += optionalNumber(rec, 'weaknesses', loc) ?? 0;
      optionalNumber(rec, 'exposedMachines', loc);
      names.push(name ? softwareName(vendor ?? '', name) : id);
    }
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    ctx.notes.warnings.push(
      `${ctx.file.displayPath}: a Defender software list (${names.length} product${names.length === 1 ? '' : 's'}` +
        `${shown ? `: ${shown}` : ''}; ${weaknesses} weakness${weaknesses === 1 ? '' : 'es'} by Defender's count) ` +
        'names no device and no vulnerability, so it adds no findings; give the software vulnerabilities ' +
        '(GET /api/machines/SoftwareVulnerabilitiesByMachine or the export) to score them',
    );
  },
};
