/** Unit tests sit beside the code they test; end-to-end tests live in test/ and start real processes. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: [
    '<rootDir>/libs/**/*.test.ts',
    '<rootDir>/services/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
    '<rootDir>/scripts/**/*.test.ts',
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 30000,
};
