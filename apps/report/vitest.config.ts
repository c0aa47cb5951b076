import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@exposure/source'] },
  ssr: { resolve: { conditions: ['@exposure/source'] } },
  test: { include: ['test/**/*.test.ts'], setupFiles: ['test/buffer-equality.ts'] },
});
