// ts-jest transpiles each file alone (tsconfig.jest.json: isolatedModules); `npm run typecheck` does the type checking.
// Two projects: `unit` (pure code, milliseconds, no services) and `e2e` (real Postgres, Redis and
// Meilisearch; the global setup starts one Meilisearch for the whole run unless MEILI_URL is set).
const moduleNameMapper = {
  '^@app/platform/validation$': '<rootDir>/libs/platform/src/validation',
  '^@app/platform/geo$': '<rootDir>/libs/platform/src/geo/townships',
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// meilisearch and content-disposition (under @fastify/static) ship ES modules only; Node 20.19+
// loads them with require(), Jest's own loader needs them transpiled.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  '^.+/node_modules/(meilisearch|content-disposition)/.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
  ],
};
const transformIgnorePatterns = ['/node_modules/(?!(meilisearch|content-disposition)/)'];
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
};

module.exports = {
  // Real services on a 2-core machine shared by parallel suites: generous, never a timing assertion.
  testTimeout: 60000,
  // Two suites at a time even on two cores (Jest's default there is one): most suites wait on
  // Postgres, Meilisearch or Chromium rather than compute, and each has its own schema, Redis
  // prefix and index prefix. Measured on a fresh clone: 1,210 s one at a time, 766 s two at a time.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/test/architecture/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/pg-single-flight-guard.ts'],
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
