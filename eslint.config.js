import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'site/**',
      'bench/data/**',
      '**/*.generated.ts',
      'bench/results/**',
      'tests/.out/**',
      '**/__snapshots__/**',
      '**/*.vsix',
      '.turbo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        // The extension is type-checked as a bundle (module Preserve), the rest as NodeNext.
        project: ['./tsconfig.lint.json', './apps/vscode/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The report site's script runs in the browser, inside a function that defines SITE.
    files: ['apps/report/templates/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, SITE: 'readonly' } },
  },
);
