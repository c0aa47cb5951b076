/**
 * Microsoft Defender for Endpoint (vulnerability management): one importer per API response
 * shape and one for the export files. See the README for every field mapping.
 */
import type { Importer } from '../../importer.js';
import { defenderConfigurations } from './config.js';
import { defenderExportLines, defenderExportResponse } from './export.js';
import { defenderSoftwareInventory } from './inventory.js';
import { defenderMachineVulnerabilities } from './machine-vulns.js';
import { defenderMachines } from './machines.js';
import { defenderRecommendations } from './recommendations.js';
import { defenderConfigurationScore, defenderExposureScore } from './scores.js';
import { defenderSoftware } from './software.js';
import { defenderSoftwareVulnerabilities } from './software-vulns.js';
import { defenderVulnerabilities } from './vulnerabilities.js';

export { detectShape, type DefenderShape } from './shapes.js';

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
  defenderSoftware,
  defenderExposureScore,
  defenderConfigurationScore,
];
