import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ first: the CLI child processes tests spawn run the compiled build of these sources.
    globalSetup: ['test/global-build.ts'],
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
