import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    conditions: ['@exposure/source'],
    // No VS Code can run here: the tests and the adapters get a faithful fake of its API.
    alias: { vscode: fileURLToPath(new URL('./test/fake-vscode.ts', import.meta.url)) },
  },
  ssr: { resolve: { conditions: ['@exposure/source'] } },
  test: { include: ['test/**/*.test.ts'] },
});
