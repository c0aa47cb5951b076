/**
 * Every user-facing error of the importers, built here so that each one names the file, the place
 * (line, or JSON path) and what is wrong. The CLI turns InputError into exit code 2.
 */

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly place: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${place ? ` (${place})` : ''}: ${problem}`);
  }
}

export function jsonPath(segments: ReadonlyArray<string | number>): string {
  return (
    '$' +
    segments
      .map((s) =>
        typeof s === 'number'
          ? `[${s}]`
          : /^[A-Za-z_$][\w$]*$/.test(s)
            ? `.${s}`
            : `[${JSON.stringify(s)}]`,
      )
      .join('')
  );
}

export const messages = {
  notFound: (file: string) => new InputError(file, undefined, 'no such file or folder'),
  unreadable: (file: string, reason: string) =>
    new InputError(file, undefined, `cannot be read: ${reason}`),
  notGzip: (file: string) =>
    new InputError(
      file,
      undefined,
      'is named .gz but is not gzip data (or the gzip stream is damaged)',
    ),
  truncatedGzip: (file: string, inflated: number) =>
    new InputError(
      file,
      `after ${inflated} decompressed bytes`,
      'the gzip data ends before its end (a truncated file: download or copy it again)',
    ),
  beyondStrings: (file: string, max: number) =>
    new InputError(
      file,
      undefined,
      `the document is larger than ${Math.floor(max / 1048576)} MiB decompressed, the most a ` +
        'format read whole can hold; refused (split the scan, or use a streamed format: a native ' +
        'snapshot or JSON lines)',
    ),
  emptyFile: (file: string) => new InputError(file, undefined, 'is empty'),
  badJson: (file: string, place: string, reason: string) =>
    new InputError(file, place, `is not valid JSON: ${reason}`),
  truncated: (file: string, place: string) =>
    new InputError(file, place, 'ends before the JSON document is complete (truncated file?)'),
  unknownFormat: (file: string, formats: readonly string[]) =>
    new InputError(
      file,
      undefined,
      `is not in a format Exposure reads. It reads: ${formats.join('; ')}`,
    ),
  wrongType: (file: string, path: string, expected: string, got: unknown) =>
    new InputError(file, path, `should be ${expected}, found ${describe(got)}`),
  missing: (file: string, path: string, field: string) =>
    new InputError(file, path, `is missing the required field "${field}"`),
  invalid: (file: string, path: string, problem: string) => new InputError(file, path, problem),
  unknownWeakness: (file: string, path: string, id: string) =>
    new InputError(file, path, `names weakness "${id}", which is not in weaknesses[]`),
  badTime: (file: string, path: string, value: string) =>
    new InputError(
      file,
      path,
      `"${value.slice(0, 60)}" is not a valid ISO 8601 time (a date that exists, years 0000–9999: ` +
        '2026-11-01 or 2026-11-01T08:00:00Z)',
    ),
  noTime: (file: string) =>
    new InputError(
      file,
      undefined,
      'carries no time of its own: put it in a folder named by its date (2026-11-01/…) or give one input that has a time',
    ),
  badCsv: (file: string, line: number, problem: string) =>
    new InputError(file, `line ${line}`, problem),
  badVector: (file: string, path: string, version: string, vector: string) =>
    new InputError(
      file,
      path,
      `"${vector}" is not a valid CVSS ${version} vector, and there is no score to fall back on`,
    ),
  duplicatedMetric: (file: string, path: string, vector: string, metric: string) =>
    new InputError(
      file,
      path,
      `"${vector.slice(0, 120)}" gives the metric ${metric} more than once: not a valid CVSS vector`,
    ),
  conflictingDefinition: (
    file: string,
    path: string,
    kind: 'device' | 'weakness',
    id: string,
    otherPath: string,
  ) =>
    new InputError(
      file,
      path,
      `defines ${kind} "${id.slice(0, 80)}" again, differently from ${otherPath}: give each ${kind} once ` +
        '(which definition counts would otherwise depend on their order)',
    ),
  conflictingInputs: (
    file: string,
    path: string,
    kind: 'device' | 'weakness',
    id: string,
    other: string,
    time: string,
  ) =>
    new InputError(
      file,
      path,
      `defines ${kind} "${id.slice(0, 80)}" differently from ${other}, an input of the same time ` +
        `(${time}): which one counts would depend on their order; give them different times or one definition`,
    ),
  noDeviceColumn: (file: string, columns: readonly string[]) =>
    new InputError(
      file,
      'line 1',
      `has no device column: name one of the columns device, id, name or hostname (found ${columns.map((c) => `"${c}"`).join(', ') || 'none'})`,
    ),
  badEpssHeader: (file: string, line: number, found: string) =>
    new InputError(
      file,
      `line ${line}`,
      `should be the EPSS header "cve,epss,percentile", found "${found.slice(0, 60)}"` +
        (found.includes(';')
          ? ' (separated by ";": Exposure reads the comma-separated file FIRST publishes)'
          : ''),
    ),
  notAFeed: (file: string, kind: string, expected: string) =>
    new InputError(file, undefined, `was given as the ${kind} feed but is not ${expected}`),
  exceptionsColumns: (file: string, problem: string, known: readonly string[]) =>
    new InputError(file, 'line 1', `${problem} (the columns are ${known.join(', ')})`),
  badExceptionDate: (file: string, place: string, value: string) =>
    new InputError(
      file,
      place,
      `expires should be a date written YYYY-MM-DD (2027-03-31), found "${value.slice(0, 40)}"`,
    ),
  badExceptionSoftware: (file: string, place: string, value: string) =>
    new InputError(
      file,
      place,
      `software should be vendor/product (openssl/openssl) or a product, found "${value.slice(0, 60)}"`,
    ),
  noExceptionWeakness: (file: string, place: string) =>
    new InputError(file, place, 'names no weakness: give a weakness id, or * for every weakness'),
};

function describe(v: unknown): string {
  if (v === undefined) return 'nothing: the field is missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Messages of the Microsoft Defender importers (errors, and the one warning of a response with no findings). */
export const defenderMessages = {
  /** A warning, not an error: the response is what Defender answers, it only holds no findings. */
  exportEnvelope: (file: string, files: number, generatedTime: string | undefined): string =>
    `${file} ($.exportFiles): is a Defender export response${generatedTime ? ` generated ${generatedTime}` : ''}: ` +
    `it lists ${files} download URL${files === 1 ? '' : 's'} but holds no findings itself, so it adds none. ` +
    'Download every file listed in exportFiles[] (the .json.gz parts) and give those files as inputs instead',
  notExportRecord: (file: string, place: string) =>
    new InputError(
      file,
      place,
      'is not a Defender export record: expected DeviceId with CveId (software vulnerabilities), ' +
        'ConfigurationId (secure configurations) or SoftwareName (software inventory)',
    ),
  badJsonLine: (file: string, line: number, reason: string) =>
    new InputError(file, `line ${line}`, `is not a JSON record: ${reason}`),
};
