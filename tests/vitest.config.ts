import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@exposure/source'] },
  ssr: { resolve: { conditions: ['@exposure/source'] } },
  test: {
    include: ['**/*.test.ts'],
    setupFiles: ['../apps/report/test/buffer-equality.ts'],
    exclude: ['**/node_modules/**', '.out/**', 'vscode-e2e/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
