/**
 * Vulnerable machines: `GET /api/vulnerabilities/machinesVulnerabilities` (one row per machine,
 * vulnerability and product).
 *
 * | Defender field                         | model                                                   |
 * | -------------------------------------- | ------------------------------------------------------- |
 * | machineId (required)                   | finding.device (a device known only by id)              |
 * | cveId (required)                       | weakness.id, finding.weakness                           |
 * | severity                               | weakness.severity                                       |
 * | productVendor / productName / productVersion | finding.software                                  |
 * | fixingKbId (KB number or dotted version) | finding.fixedVersion (`KB3185911`: the update to install) |
 * | productVendor + productName            | finding.recommendation `va-_-vendor-_-product`, "Update Vendor Product" |
 */
import type { ImportedRecommendation } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { optionalString, requiredString, requireRecord } from './fields.js';
import {
  fixedVersionOf,
  severityLabel,
  softwareRecommendationId,
  softwareRecommendationTitle,
} from './map.js';
import { detectShape, eachRecord } from './shapes.js';

export const defenderMachineVulnerabilities: Importer = {
  format: 'defender-machine-vulnerabilities',
  label:
    'Microsoft Defender vulnerable machines (GET /api/vulnerabilities/machinesVulnerabilities)',
  detect: (head) => detectShape(head) === 'machine-vulnerabilities',
  async import(ctx) {
    const b = ctx.builder;
    const recommendations = new Map<string, ImportedRecommendation>();
    for await (const { record, loc } of eachRecord(ctx)) {
      const rec = requireRecord(record, loc);
      const device = requiredString(rec, 'machineId', loc);
      const cve = requiredString(rec, 'cveId', loc);
      const severity = severityLabel(optionalString(rec, 'severity', loc));
      b.addWeakness({ id: cve, kind: 'vulnerability', ...(severity && { severity }) });
      const product = optionalString(rec, 'productName', loc);
      const vendor = optionalString(rec, 'productVendor', loc);
      const version = optionalString(rec, 'productVersion', loc);
      const fixedVersion = fixedVersionOf(optionalString(rec, 'fixingKbId', loc));
      let recommendation: ImportedRecommendation | undefined;
      if (vendor !== undefined && product !== undefined) {
        const id = softwareRecommendationId(vendor, product);
        recommendation = recommendations.get(id) ?? {
          id,
          title: softwareRecommendationTitle(vendor, product),
        };
        recommendations.set(id, recommendation);
      }
      b.addDevice({ id: device });
      b.addFinding({
        device,
        weakness: cve,
        ...(product !== undefined && {
          software: {
            product,
            ...(vendor !== undefined && { vendor }),
            ...(version !== undefined && { version }),
          },
        }),
        ...(fixedVersion !== undefined && { fixedVersion }),
        ...(recommendation && { recommendation }),
      });
    }
  },
};
