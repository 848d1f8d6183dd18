// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Control characters are data here (binary detection, file-name sanitising).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain Node scripts (CommonJS preloads, build scripts).
    files: ['**/*.cjs', '**/*.mjs', 'bin/**/*.js'],
    languageOptions: {
      globals: { require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    // The pure core: no AWS SDK, no environment, no file system (see docs/design.md).
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'lib/ is pure: pass dependencies in from a shell.' },
          { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process'], message: 'lib/ is pure: no file system; the shell reads and writes.' },
          // mammoth reads documents and linked images from disk by path: the shell passes a DocxReader in.
          { group: ['mammoth', 'mammoth/*'], message: 'lib/ is pure: read Word documents in a shell (functions/word-reader.ts) and pass the reader in.' },
          // From any depth of lib/: `../functions/x.js`, `../../../cli/x.js`, and the folders themselves.
          { regex: String.raw`^(?:\.\./)+(?:functions|cli|cdk)(?:/|$)`, message: 'lib/ never imports from the shells.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'lib/ is pure: take configuration as options.' }],
    },
  },
);
