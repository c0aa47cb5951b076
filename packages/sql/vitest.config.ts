import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@exposure/source'] },
  ssr: { resolve: { conditions: ['@exposure/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // dt-sql-parser ships ES modules with directory imports that only a bundler resolves: Vite
    // transforms it instead of handing it to Node.
    server: { deps: { inline: ['dt-sql-parser'] } },
  },
});
