/** API tests run against a real PostgreSQL: TEST_DATABASE_URL's server, or an embedded one. */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // faker and otplib's crypto and base32 helpers (@noble, @scure, also nested under @otplib) ship only ES modules; compile them like our own code (cached after the first run).
  transformIgnorePatterns: ['/node_modules/(?!(@faker-js|@noble|@scure|@otplib)/)'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }],
    '^.+/node_modules/(@faker-js|@noble|@scure)/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Every response an API test receives must match the published OpenAPI document (test/support/openapi-drift.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-openapi-drift.ts'],
  // A plain API test finishes in well under a second; 60 s is room for a busy 2-core machine, not a
  // target. Tests that start servers or spawn tools declare their own budget (test/support/timeouts.ts).
  testTimeout: 60_000,
  maxWorkers: 2,
};
