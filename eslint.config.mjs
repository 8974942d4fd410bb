// ESLint for the project's own code: typescript-eslint's recommended rules (without type information, so
// it stays fast on a shared machine) and the house limits on line and function length. `npm test` runs it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', 'bench/peers/', 'test/e2e/workspace/', 'test/fixtures/', 'examples/', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // Code lines fit 160 columns (Prettier's printWidth); long strings, templates and patterns may not be split.
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      'prefer-const': ['error', { destructuring: 'all' }],
      // The engine reads and writes control characters on purpose (terminal output, hostile input).
      'no-control-regex': 'off',
      // JSON read from disk or the network is `any` until it is validated.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // Small functions: a rule, a handler, a command. Test files are lists of cases and have no such limit.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-regex-spaces': 'off' },
  },
  { files: ['test/e2e/**/*.ts'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The e2e driver passes functions to the browser page (page.evaluate), which run with its globals.
  { files: ['test/e2e/**'], languageOptions: { globals: { ...globals.browser } } },
);
