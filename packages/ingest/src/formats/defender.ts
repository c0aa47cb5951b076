/**
 * Microsoft Defender for Endpoint (vulnerability management): one importer per API response
 * shape and one for the export files. See the README for every field mapping.
 */
import type { Importer } from '../importer.js';
import { defenderConfigurations } from './defender-config.js';
import { defenderExportLines, defenderExportResponse } from './defender-export.js';
import { defenderSoftwareInventory } from './defender-inventory.js';
import { defenderMachineVulnerabilities } from './defender-machine-vulns.js';
import { defenderMachines } from './defender-machines.js';
import { defenderRecommendations } from './defender-recommendations.js';
import { defenderSoftwareVulnerabilities } from './defender-software-vulns.js';
import { defenderVulnerabilities } from './defender-vulnerabilities.js';

export { detectShape, type DefenderShape } from './defender-shapes.js';

/** Detection is exclusive: a file matches at most one of these. */
export const defenderImporters: Importer[] = [
  defenderSoftwareVulnerabilities,
  defenderMachineVulnerabilities,
  defenderConfigurations,
  defenderExportLines,
  defenderMachines,
  defenderVulnerabilities,
  defenderRecommendations,
  defenderSoftwareInventory,
  defenderExportResponse,
];
