import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const onlyIndex = '其他模块只能通过它的 index.ts 引用：A module is imported only through its index.ts';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.gonghui-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A module is used by the rest of the server only through its index.ts (its manifest and public
    // surface); inside a module, another module is reached the same way.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)modules/[^/]+/(?!index\\.ts$).+', message: onlyIndex }] },
      ],
    },
  },
  {
    // From a file at a module's top level, `../x/…` is another module.
    files: ['server/src/modules/*/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)modules/[^/]+/(?!index\\.ts$).+', message: onlyIndex },
            { regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$).+', message: onlyIndex },
          ],
        },
      ],
    },
  },
  {
    // From a file in a module's sub-folder (members/import/…), `../../x/…` is another module.
    files: ['server/src/modules/*/*/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/modules/*/migrations/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)modules/[^/]+/(?!index\\.ts$).+', message: onlyIndex },
            { regex: '^\\.\\./\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$).+', message: onlyIndex },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Plain scripts the page loads before the app, in any browser (IE included): ES5 only.
    files: ['web/public/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
);
