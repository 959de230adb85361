/** One transform (SWC) shared by every project; type checking is `npm run typecheck`. */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
  ],
};
// Packages published as ES modules only go through the transform too, since Jest runs CommonJS:
// jose, uuid and strip-bom (loaded by office-addin-manifest, also from a nested node_modules), and the web app's
// react-intl (with @formatjs, intl-messageformat) and wouter (with regexparam).
const transformIgnorePatterns = ['^(?!.*/node_modules/(jose|uuid|strip-bom|react-intl|@formatjs|intl-messageformat|wouter|regexparam)/).*/node_modules/'];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  projects: [
    { ...common, displayName: 'shared', testEnvironment: 'node', testMatch: ['<rootDir>/test/shared/**/*.test.ts'] },
    { ...common, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/test/server/**/*.test.ts'] },
    {
      ...common,
      displayName: 'addin',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/addin/**/*.test.ts?(x)'],
      setupFilesAfterEnv: ['<rootDir>/test/support/addinSetup.ts'],
    },
    { ...common, displayName: 'browser', testEnvironment: 'node', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
