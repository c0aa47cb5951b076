#!/usr/bin/env node
// Writes packages/sql/dialects/*.sql from the built package (run after `tsc -b`).
import { writeFileSync } from 'node:fs';
import { dialectFiles } from '../dist/dialect-files.js';

for (const [name, text] of Object.entries(dialectFiles())) {
  writeFileSync(new URL(`../dialects/${name}`, import.meta.url), text);
  console.log(`wrote packages/sql/dialects/${name}`);
}
