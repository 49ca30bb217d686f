// ESLint over the sources, stories, examples, tests and scripts: typescript-eslint's
// recommended rules, and React's hook rules including the React Compiler's (react-hooks 7).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Hook tests count renders and capture setters from inside their components on purpose:
    // that is how they observe a hook from outside.
    files: ['test/**'],
    rules: { 'react-hooks/globals': 'off' },
  },
)
