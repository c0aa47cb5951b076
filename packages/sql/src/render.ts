import { LIKELIHOOD, VALUE_WEIGHT } from '@exposure/score';

/** The model's constants by placeholder name: the one mapping from model.ts to the SQL. */
export const CONSTANTS: Record<string, number> = {
  VALUE_LOW: VALUE_WEIGHT.low,
  VALUE_NORMAL: VALUE_WEIGHT.normal,
  VALUE_HIGH_MIN: VALUE_WEIGHT.highMinimum,
  VALUE_HIGH_PER_DEVICES: VALUE_WEIGHT.highPerDevices,
  LIKELIHOOD_ACTIVE_ALERT: LIKELIHOOD.activeAlert,
};

/** Fills {{NAME}} placeholders; an unknown name is an error, never an empty string. */
export function render(sql: string): string {
  return sql.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const v = CONSTANTS[name];
    if (v === undefined) throw new Error(`unknown model constant ${name}`);
    return `CAST(${v.toPrecision(17)} AS DOUBLE)`;
  });
}
