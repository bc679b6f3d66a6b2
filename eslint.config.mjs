import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** A relative import of one of these source folders (the npm package `graphql` is not one). */
const folderImport = (...folders) => `^\\.\\.?/(.*/)?(${folders.join('|')})(/|$)`;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // Resolvers are thin: only the ownership layer touches TypeORM.
    files: ['src/graphql/**/*.ts', 'src/request/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              message: 'Go through the ownership layer (src/ownership).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point down the request's path (docs/architecture.md): the database layer
    // and the entities know nothing of the walls above them, which hand in what they need.
    files: ['src/db/**/*.ts', 'src/entities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: folderImport('request', 'graphql', 'ownership'),
              message: 'db/ and entities/ sit under the walls: inject what they need instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Metrics are counted anywhere and served by http/, never the other way round.
    files: ['src/metrics/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: folderImport('http'),
              message: 'http/ serves metrics; metrics/ never imports http/.',
            },
          ],
        },
      ],
    },
  },
  {
    // config.ts is the only reader of process.env in the server.
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts.',
        },
      ],
    },
  },
  {
    // Tool configuration files must default-export for their tools.
    files: ['eslint.config.mjs', 'jest.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
