export * from './model.js';
export * from './types.js';
export * from './snapshot.js';
export * from './snapshot-builder.js';
export * from './cvss.js';
export * from './likelihood.js';
export * from './assessment.js';
export * from './trend-types.js';
export * from './report-document.js';
export * from './page-document.js';
export { assess, deviceFindings, type AssessOptions } from './assess.js';
export { trend, changeBetweenSnapshots, organizationScore, type TrendOptions } from './trend.js';
export * from './observation.js';
export { fleetState, inScopeAt, type FleetState } from './fleet-state.js';
export * from './history.js';
export * from './state-record.js';
export {
  evaluate,
  EvaluationError,
  type CarriedHistory,
  type Evaluation,
  type EvaluationInput,
} from './evaluate.js';
export { compareVersions } from './version-compare.js';
export * from './exceptions.js';
export * from './deadlines.js';
export * from './risk-document.js';
export { threatCounts, type ThreatCounts } from './threat-summary.js';
export { UNKNOWN_VENDOR, ecosystemLabel, softwareName, softwareTitle } from './software-names.js';
