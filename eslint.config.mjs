// Lint: TypeScript rules plus the import boundaries of ARCHITECTURE.md, enforced here rather than
// by memory: electron/core and shared never import 'electron'; shared and renderer never import
// Node built-ins (they must run in the sandboxed renderer too).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noNodeBuiltins = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ 与 renderer/ 不能使用 Node 内置模块：放到 electron/core，经契约通道调用。' })),
  patterns: [{ group: ['node:*'], message: 'shared/ 与 renderer/ 不能使用 Node 内置模块：放到 electron/core，经契约通道调用。' }],
};
const noElectron = {
  paths: [{ name: 'electron', message: 'electron/core 与 shared/ 不能依赖 electron：只有 electron/main 和 electron/preload 可以。' }],
  patterns: [{ group: ['electron/*'], message: 'electron/core 与 shared/ 不能依赖 electron。' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { ...noNodeBuiltins, paths: [...noNodeBuiltins.paths, ...noElectron.paths] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNodeBuiltins.paths, ...noElectron.paths], patterns: [...noNodeBuiltins.patterns, ...noElectron.patterns] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
);
