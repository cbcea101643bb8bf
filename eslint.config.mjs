// One lint configuration for the backend, the console and both test suites.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The console's feature boundaries: outside features/<name>/ only its index may be imported, the shared
// layers (components/, lib/, config/) import no feature, and nothing imports app/. Generated from the
// folders, so a new feature is covered without touching this file.
const consoleDir = (dir) => `${import.meta.dirname}/frontend/src/${dir}`;
const consoleFeatures = readdirSync(consoleDir('features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const sharedLayers = ['components', 'lib', 'config'].map(consoleDir);
const featureBoundaries = [
  ...consoleFeatures.map((name) => ({
    target: [consoleDir('app'), ...sharedLayers, ...consoleFeatures.filter((other) => other !== name).map((other) => consoleDir(`features/${other}`))],
    from: consoleDir(`features/${name}`),
    except: ['./index.ts'],
    message: `Import the ${name} feature through its index ('@/features/${name}').`,
  })),
  { target: sharedLayers, from: consoleDir('features'), message: 'components/, lib/ and config/ are shared by every feature and import none.' },
  { target: [consoleDir('features'), ...sharedLayers], from: consoleDir('app'), message: 'app/ puts the features together; nothing imports it.' },
];

// The backend's module boundaries: a module's SQL is its own — no other module (nor the platform) imports
// its repositories; other modules call its services. Generated from the module folders.
const modulesDir = `${import.meta.dirname}/backend/src/modules`;
const backendModules = readdirSync(modulesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const moduleBoundaries = backendModules.map((name) => ({
  target: [`${import.meta.dirname}/backend/src/platform`, ...backendModules.filter((other) => other !== name).map((other) => `${modulesDir}/${other}`)],
  from: `${modulesDir}/${name}/**/*.repository.ts`,
  message: `The ${name} module's tables are its own: call its service instead of its repository.`,
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads only JavaScript files' imports, and no-cycle never sees a TypeScript cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves the console's @/ and @contracts aliases, so cycles through them are found too.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['backend/tsconfig.json', 'frontend/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['backend/**/*.ts', 'migrations/**/*.ts', 'seeds/**/*.ts', 'knexfile.ts', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs', 'backend/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: featureBoundaries }] },
  },
  {
    files: ['backend/src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: moduleBoundaries }] },
  },
  {
    // Scripts and command-line tools talk to the terminal.
    files: ['backend/scripts/**', 'backend/src/cli/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
