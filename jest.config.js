// swc, not ts-jest: it emits the decorator metadata type-graphql and TypeORM read, and is fast.
const swc = ['@swc/jest', { swcrc: true }];
// jose ships only ES modules, so jest (CommonJS) must transform it too.
const transformIgnorePatterns = ['/node_modules/(?!(jose)/)'];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns,
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option: inside `projects` Jest ignores it and every test and hook gets 5 s.
  testTimeout: 60000,
  // Not in band: a worker whose heap outgrows this after a file is replaced. Each file's modules
  // stay reachable after it (pino's exit hook, rate-limiter timers), so one long-lived process
  // grew past 1.5 GB over the run and its late files ran ~3x slower, in garbage collection.
  workerIdleMemoryLimit: '512MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      // Migrated template databases, made once per run: each test file's database is a copy.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
