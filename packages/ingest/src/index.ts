export { loadInputs, type LoadOptions, type LoadResult } from './load.js';
export { discoverInputs, type InputFile } from './discover.js';
export { sha256File, inputsDigest } from './digest.js';
export {
  importers,
  feedFormats,
  formatLabels,
  detectFormat,
  type FeedFormat,
  type Detected,
} from './registry.js';
export type {
  Importer,
  ImportContext,
  ImportNotes,
  SourceFile,
  FeedKind,
  VendorScore,
} from './importer.js';
export { InputError, messages, jsonPath } from './messages.js';
export { inputLimits, setInputLimits, type InputLimits } from './limits.js';
export { parseTime, isoUtc } from './time.js';
export { openSource, createContext, parseJson } from './context.js';
export { nativeImporter, createNativeImporter, STREAM_ABOVE } from './formats/native/index.js';
export {
  readKev,
  readKevSource,
  applyKev,
  detectKev,
  type KevCatalog,
} from './formats/feeds/kev.js';
export {
  readEpss,
  readEpssSource,
  applyEpss,
  detectEpss,
  type EpssScores,
} from './formats/feeds/epss.js';
export {
  readAssets,
  readAssetsSource,
  applyAssets,
  detectAssets,
  type AssetRow,
} from './formats/feeds/assets.js';
export { readFeeds, applyFeeds, feedInfo, type Feeds, type FeedSources } from './feeds.js';
export { validateReportDocument, type ReportValidation } from './validate-report.js';
export { schemaPath, loadSchema, type SchemaName } from './schemas.js';
export {
  readHistoryFolder,
  writeHistoryFolder,
  historyFiles,
  HISTORY_FILE,
  type StoredHistory,
} from './history-store.js';
export { coverageOf } from './load.js';
export { defenderImporters, detectShape, type DefenderShape } from './formats/defender/index.js';
export { trivyImporter } from './formats/trivy/index.js';
export { grypeImporter } from './formats/grype/index.js';
export { osvScannerImporter } from './formats/osv-scanner/index.js';
export { npmAuditImporter } from './formats/npm-audit/index.js';
export {
  cycloneDxImporter,
  importCycloneDx,
  type CycloneDxSummary,
} from './formats/cyclonedx/index.js';
export { sarifImporter, importSarif, type SarifSummary } from './formats/sarif/index.js';
export { readExceptions, readExceptionsSource } from './exceptions/read-exceptions.js';
export { checkAgainstSchema } from './check-schema.js';
