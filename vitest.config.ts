import { defineConfig } from 'vitest/config';

// One run over every workspace; each project keeps its own small config.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests', 'tests/vscode-e2e'],
  },
});
