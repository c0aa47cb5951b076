import { defineProject } from 'vitest/config';

// The real-editor suite: one file, servers started one after another, minutes not seconds.
export default defineProject({
  resolve: { conditions: ['@exposure/source'] },
  ssr: { resolve: { conditions: ['@exposure/source'] } },
  test: {
    name: 'vscode-e2e',
    include: ['**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 540_000,
  },
});
