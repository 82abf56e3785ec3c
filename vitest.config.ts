import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ first: the CLI child processes tests spawn run the compiled build of these sources.
    globalSetup: ['test/global-build.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/chaos/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
