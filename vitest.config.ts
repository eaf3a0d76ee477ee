import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'twilio-ivr-backend'` in this repo's tests reaches src/index.ts (package.json's "ivr-source"
  // export) without a build. Vite 6+ applies root `resolve.conditions` to the client environment only: tests run in
  // the ssr environment, whose conditions Vitest also passes to its workers as `--conditions`.
  ssr: { resolve: { conditions: ['ivr-source'] } },
  test: {
    globals: true,
    root: './',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.spec.ts', 'bench/**/*.spec.ts', 'console/src/**/*.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e-spec.ts'],
          // One PostgreSQL for the run (embedded, or TEST_DATABASE_URL); each file gets its own database.
          globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/console-build-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
