// ESLint (flat config) with typescript-eslint; Prettier formats (`npm run format`).
// ESLint rather than Biome: import-x's no-restricted-paths resolves every import to a file and
// checks it against folder zones, so the rooms of ARCHITECTURE.md are written below as zones
// ("the background never imports the engine"), which a specifier-string matcher cannot express
// for relative imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/** The extension's own rooms (UIs, worker, browser glue): what code outside a browser never imports. */
const EXTENSION = [
  './src/panel',
  './src/popup',
  './src/options',
  './src/background',
  './src/devtools',
  './src/shared/browser.ts',
  './src/shared/client.ts',
  './src/shared/transport.ts',
];

/** Import rules: who may import whom (ARCHITECTURE.md, "Rooms"). */
const ROOMS = [
  {
    target: './src/background',
    from: './src/analysis',
    message: 'The worker stays small: it captures and stores; the UIs and the CLI run the engine.',
  },
  {
    target: ['./src/!(analysis)/**/*', './scripts/**/*', './test/!(analysis)/**/*'],
    from: './src/analysis',
    except: ['./index.ts'],
    message: 'Reach the engine through its face, src/analysis/index.ts.',
  },
  {
    target: './src/analysis',
    from: ['./src/!(analysis|http)/**/*'],
    message: 'The engine is pure: it imports only src/http (the HTTP vocabulary every room shares).',
  },
  {
    target: './src/http',
    from: ['./src/!(http)/**/*'],
    message: 'src/http is the leaf every room imports: it imports nothing of theirs.',
  },
  { target: './scripts', from: './test', message: 'scripts/ never imports test/: move the shared piece to scripts/.' },
  {
    target: ['./src/har', './src/redact', './src/report'],
    from: EXTENSION,
    message: 'HAR, masking and the Markdown report are pure: the CLI and the library use them outside a browser.',
  },
  {
    target: './src/discovery-fetch',
    from: ['./src/!(analysis|http|discovery-fetch)/**/*'],
    message: 'The discovery fetcher is thin glue shared by the panel and Node: the engine and src/http only.',
  },
  {
    target: ['./src/cli', './src/lib', './src/mcp', './src/playwright'],
    from: [...EXTENSION, './src/findings', './src/shared/diagnoser.ts'],
    message:
      'The faces outside the browser (CLI, library, MCP server, Playwright fixture) use the engine, HAR, ' +
      'masking and the report, never the extension.',
  },
  {
    target: ['./src/lib', './src/playwright'],
    from: ['./src/cli', './src/mcp'],
    message: 'The library and the fixture run in browsers and test workers: no CLI or MCP server code.',
  },
  {
    target: ['./src/panel', './src/popup', './src/options'],
    from: ['./src/background', './src/devtools'],
    message: 'Views talk to the background through the client (src/shared/client.ts).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'lib/**',
      'artifacts/**',
      'lab-output/**',
      'test-output/**',
      'bench-output/**',
      'fuzz-output/**',
      'scripts/lab/client.js',
      'scripts/lab/oidc/client-oauth.js',
      'scripts/lab/sw.js',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: '^\\s*(//|\\*).*https?://' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'Import `browser` from src/shared/browser.ts: the one module that imports the polyfill.',
            },
          ],
        },
      ],
      'import-x/no-restricted-paths': ['error', { zones: ROOMS }],
      // ignoreExternal: a cycle cannot pass through node_modules (no package imports our code), and
      // walking into them was 80% of lint's time. NB: without 'import-x/extensions' (.ts, .tsx)
      // in settings this rule parses no TypeScript module, so today it finds no cycle among ours.
      'import-x/no-cycle': ['error', { maxDepth: 8, ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/shared/browser.ts', 'test/shared/browser.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
