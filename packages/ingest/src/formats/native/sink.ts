import type { ErrorObject } from 'ajv';
import {
  duplicatedMetric,
  scoreVector,
  SnapshotError,
  type SnapshotBuilder,
  type Cvss,
  type DeviceInput,
  type FindingInput,
  type WeaknessInput,
} from '@exposure/score';
import type { ImportContext } from '../../importer.js';
import { InputError, jsonPath, messages } from '../../messages.js';
import { createAjv, loadSchema } from '../../schemas.js';
import { toViolations } from '../../schema-errors.js';
import { isoUtc } from '../../time.js';
import * as precompiled from './validators.generated.js';

/** A compiled validator: Ajv's, or its standalone code (which has no schema attached). */
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

interface NativeValidators {
  root: Validator;
  device: Validator;
  weakness: Validator;
  finding: Validator;
}

type Kind = keyof NativeValidators;

const compiled = new Map<boolean, NativeValidators>();

/**
 * One compiled validator per array element kind, plus one for the document without its arrays'
 * contents: validating element by element keeps memory flat when streaming and lets an error name
 * its element without Ajv building paths for a million items. The `verbose` set (errors carry
 * the data and schema that the messages quote) is compiled only when something is wrong: it
 * takes twice as long to compile, and a valid file never needs it.
 */
function nativeValidators(verbose: boolean): NativeValidators {
  // The everyday set is compiled ahead of time (scripts/compile-validators.mjs).
  if (!verbose) return precompiled as NativeValidators;
  const known = compiled.get(verbose);
  if (known) return known;
  const ajv = createAjv({ verbose });
  const schema = loadSchema('exposure-snapshot-1');
  const id = String(schema.$id);
  ajv.addSchema(schema);
  const props = schema.properties as Record<string, unknown>;
  const shallow = { type: 'array' };
  const set: NativeValidators = {
    root: ajv.compile({
      ...schema,
      $id: id.replace(/\.schema\.json$/, '.root.schema.json'),
      properties: { ...props, devices: shallow, weaknesses: shallow, findings: shallow },
    }),
    device: ajv.compile({ $ref: `${id}#/definitions/device` }),
    weakness: ajv.compile({ $ref: `${id}#/definitions/weakness` }),
    finding: ajv.compile({ $ref: `${id}#/definitions/finding` }),
  };
  compiled.set(verbose, set);
  return set;
}

type Section = 'devices' | 'weaknesses' | 'findings';

/** Where an id was first defined, and its content in a canonical form, worked out when compared. */
export class Definition {
  private text: string | undefined;
  constructor(
    readonly index: number,
    private readonly value: unknown,
  ) {}

  // Most ids are defined once: a canonical text for each of 20,000 devices cost 0.1 s a run.
  get content(): string {
    return (this.text ??= canonical(this.value));
  }
}

export interface Definitions {
  devices: Map<string, Definition>;
  weaknesses: Map<string, Definition>;
}

const byBuilder = new WeakMap<SnapshotBuilder, Definitions>();

/**
 * The devices and weaknesses a native snapshot defined into `builder` (where, and what), so
 * that loading can refuse two inputs of one time that define one id differently.
 */
export function nativeDefinitions(builder: SnapshotBuilder): Definitions | undefined {
  return byBuilder.get(builder);
}

/** JSON with the keys of every object in sorted order: equal content, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Receives a native snapshot piece by piece (from JSON.parse or from a token stream), validates
 * each piece and hands it to the builder. Findings that arrive before the weaknesses array has
 * been read are held back until it has, so that the order of the arrays in the file is free.
 */
export class NativeSink {
  private readonly v = nativeValidators(false);
  private weaknessesDone = false;
  private pending: Array<{ finding: FindingInput; index: number }> = [];
  /** Each device and weakness defined so far: where, and its content in a canonical form. */
  private readonly defined: Definitions = { devices: new Map(), weaknesses: new Map() };

  constructor(private readonly ctx: ImportContext) {
    byBuilder.set(ctx.builder, this.defined);
  }

  /** The document's own fields; `doc` may carry the arrays or empty stand-ins for them. */
  header(doc: unknown): void {
    if (!this.v.root(doc)) throw this.violation('root', doc, []);
    const { takenAt, organization } = doc as { takenAt?: string; organization?: string };
    if (takenAt !== undefined) {
      this.checkTime(takenAt, ['takenAt']);
      this.ctx.builder.takenAt = takenAt;
    }
    if (organization !== undefined && organization !== '')
      this.ctx.builder.organization = organization;
  }

  device(d: unknown, index: number): void {
    if (!this.v.device(d)) throw this.violation('device', d, ['devices', index]);
    const device = d as DeviceInput;
    if (device.lastSeen !== undefined)
      this.checkTime(device.lastSeen, ['devices', index, 'lastSeen']);
    if (this.definedBefore('devices', device.id, device, index)) return;
    this.ctx.builder.addDevice(device);
  }

  weakness(w: unknown, index: number): void {
    if (!this.v.weakness(w)) throw this.violation('weakness', w, ['weaknesses', index]);
    const weakness = w as WeaknessInput;
    if (weakness.published !== undefined)
      this.checkTime(weakness.published, ['weaknesses', index, 'published']);
    if (weakness.cvss !== undefined)
      this.checkVectors(weakness.cvss, ['weaknesses', index, 'cvss']);
    if (this.definedBefore('weaknesses', weakness.id, weakness, index)) return;
    this.ctx.builder.addWeakness(weakness);
  }

  finding(f: unknown, index: number): void {
    if (!this.v.finding(f)) throw this.violation('finding', f, ['findings', index]);
    const finding = f as FindingInput;
    if (!this.weaknessesDone) {
      this.pending.push({ finding, index });
      return;
    }
    this.addFinding(finding, index);
  }

  /** Called when an array has been read entirely. */
  sectionDone(section: Section): void {
    if (section !== 'weaknesses') return;
    this.weaknessesDone = true;
    for (const { finding, index } of this.pending) this.addFinding(finding, index);
    this.pending = [];
  }

  /** Called at the end of the document. */
  finish(): void {
    this.sectionDone('weaknesses');
  }

  private addFinding(finding: FindingInput, index: number): void {
    // The builder looks the weakness up anyway: ask it only when it refuses the finding.
    try {
      this.ctx.builder.addFinding(finding);
    } catch (error) {
      if (error instanceof SnapshotError && !this.ctx.builder.hasWeakness(finding.weakness)) {
        throw messages.unknownWeakness(
          this.ctx.file.displayPath,
          jsonPath(['findings', index, 'weakness']),
          finding.weakness,
        );
      }
      throw error;
    }
  }

  /**
   * True when the same id was defined before with the same content (a harmless repeat); throws
   * when it was defined differently. The builder would merge the two, first value first, so
   * which one counts would depend on the order of the file: both places are named instead.
   */
  private definedBefore(
    section: 'devices' | 'weaknesses',
    id: string,
    value: object,
    index: number,
  ): boolean {
    const before = this.defined[section].get(id);
    if (before === undefined) {
      this.defined[section].set(id, new Definition(index, value));
      return false;
    }
    if (before.content === canonical(value)) return true;
    throw messages.conflictingDefinition(
      this.ctx.file.displayPath,
      jsonPath([section, index]),
      section === 'devices' ? 'device' : 'weakness',
      id,
      jsonPath([section, before.index]),
    );
  }

  private checkTime(value: string, segments: Array<string | number>): void {
    if (isoUtc(value) === undefined)
      throw messages.badTime(this.ctx.file.displayPath, jsonPath(segments), value);
  }

  private checkVectors(cvss: Cvss | Cvss[], segments: Array<string | number>): void {
    const list = Array.isArray(cvss) ? cvss : [cvss];
    list.forEach((c, i) => {
      const at = Array.isArray(cvss) ? [...segments, i, 'vector'] : [...segments, 'vector'];
      // A metric given twice makes the vector ambiguous, whatever score sits beside it.
      const twice = c.vector === undefined ? undefined : duplicatedMetric(c.vector);
      if (twice !== undefined)
        throw messages.duplicatedMetric(this.ctx.file.displayPath, jsonPath(at), c.vector!, twice);
      if (
        c.score === undefined &&
        c.vector !== undefined &&
        scoreVector(c.version, c.vector) === undefined
      ) {
        throw messages.badVector(this.ctx.file.displayPath, jsonPath(at), c.version, c.vector);
      }
    });
  }

  /** Validates again with the verbose set, whose errors say what was found where. */
  private violation(kind: Kind, value: unknown, base: Array<string | number>): InputError {
    const validate = nativeValidators(true)[kind];
    validate(value);
    const first = toViolations(validate.errors ?? [], base)[0];
    return messages.invalid(
      this.ctx.file.displayPath,
      jsonPath(first?.segments ?? base),
      first?.problem ?? 'is not valid',
    );
  }
}
