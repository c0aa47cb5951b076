import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { generate, OUTPUT } from '../scripts/compile-validators.mjs';
import * as precompiled from '../src/formats/native/validators.generated.js';

describe('the native snapshot validators compiled ahead of time', () => {
  it('are those of the schema as it is (else: npm run validators -w @exposure/ingest)', () => {
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe((generate as () => string)());
  });

  it('accept and refuse as the schema says, with Ajv errors', () => {
    const finding = precompiled.finding as ((d: unknown) => boolean) & { errors?: unknown[] };
    expect(finding({ device: 'web-1', weakness: 'CVE-2024-0001' })).toBe(true);
    expect(finding({ device: '', weakness: 'CVE-2024-0001' })).toBe(false);
    expect(finding.errors?.length).toBeGreaterThan(0);
    expect(finding({ device: 'web-1' })).toBe(false);
  });
});
