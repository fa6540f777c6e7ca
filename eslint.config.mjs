import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/.cache/**',
      'tour-screens/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    // The architecture rule: only the Electron shell (entry, preload, settings adapter) may import
    // electron at run time, so the whole core runs in plain Node (tests, CLI, e2e harness).
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/preload.ts', 'src-main/settings/electronSettings.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only the shell may import electron; inject an interface.',
              allowTypeImports: true
            },
            {
              name: 'electron-store',
              message: 'Use the KV interface; only the settings adapter builds the store.',
              allowTypeImports: true
            }
          ]
        }
      ]
    }
  },
  {
    // The renderer may import only the shared contract from src-main.
    files: ['src-renderer/**/*.{ts,svelte}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'src-main/(?!shared/)', message: 'The renderer may import only src-main/shared.' }
          ]
        }
      ]
    }
  }
)
