// Lint: TypeScript rules plus the import boundaries of ARCHITECTURE.md, enforced here rather than
// by memory: electron/core and shared never import 'electron'; shared and renderer never import
// Node built-ins (they must run in the sandboxed renderer too). Inside renderer/src the floors are
// api/ (talks to the core) < components/ < features/ < app/ (the shell): nothing imports a floor
// above its own, and a feature reaches another feature only through that feature's index.ts.
// Inside electron/core the floors are the plumbing (db/, files/ — the xlsx and ledger-file engine —
// and the files at core/'s root) < derived/ (thresholds in force, the visit schedule) < features/
// < handlers.ts and core.ts (which wire every feature in); the print engine in features/print
// (everything there but handlers, service and registry) counts as plumbing. Cycles between
// features cannot be seen one file at a time: tests/unit/importLayers.test.ts finds them.
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

// A relative path into electron/ (e.g. '../../../../electron/core/…') is as bad as 'electron' itself.
const noElectronPath = { regex: '(^|/)electron(/|$)', message: 'renderer/ 与 shared/ 不能引用 electron/ 下的代码：经契约通道（shared/contract）调用核心。' };
const rendererRule = (...patterns) => ['error', {
  paths: [...noNodeBuiltins.paths, ...noElectron.paths],
  patterns: [...noNodeBuiltins.patterns, noElectronPath, ...patterns],
}];
const above = (floors, message) => ({ regex: `^(\\.\\./)+(${floors.join('|')})(/|$)`, message });
const noApp = above(['app'], 'features/ 不能引用 app/（外壳）：共用的东西放到 api/ 或 components/。');
// `../other/File` from features/<f>/ (one level deeper: `../../other/File`) reaches into another
// feature; `../other` (its index.ts) is the door.
const noFeatureInternals = (ups) => ({
  regex: `^${'\\.\\./'.repeat(ups)}[^./][^/]*/`,
  message: '功能之间只能经对方的 index.ts 引用（例如 ../monitoring），不能直接引用对方内部的文件。',
});

// electron/core: a relative path that reaches a floor above the file's own.
const noShell = { regex: '(^|/)\\.\\./(cli|main|preload|web|launch)(/|$)', message: 'electron/core 不能引用 electron/main、preload、cli、web、launch：外壳在核心之上。' };
const noFeatures = (floor) => ({ regex: '(^|/)features(/|$)', message: `${floor}在功能之下：不能引用 features/；需要功能的东西由 handlers.ts 注入，或把共用部分移到这一层。` });
const noDerived = { regex: '(^|/)derived(/|$)', message: 'db/、files/ 与 core 根下的基础文件在 derived/ 之下：不能引用 derived/。' };
// From features/<f>/ (one level deeper: one more `../`) `../../handlers` and `../../core` are the wiring above every feature.
const noWiring = (ups) => ({
  regex: `^(\\.\\./){${ups + 1}}(handlers|core)$`,
  message: '功能不能引用 core/handlers.ts 或 core/core.ts（它们汇总所有功能，在功能之上）。',
});
const noOtherFeature = { regex: '^\\.\\./[^.]', message: 'print 引擎（html、layout、hash、render、types）在功能之下：不能引用其他功能；各功能的文书由 print/registry.ts 汇总。' };
const coreRule = (...patterns) => ['error', { paths: noElectron.paths, patterns: [...noElectron.patterns, noShell, ...patterns] }];
const noRendererPath = { regex: '(^|/)renderer(/|$)', message: 'shared/ 不能引用 renderer/ 下的代码：shared 在两边之下。' };

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
      'no-restricted-imports': rendererRule(),
    },
  },
  {
    files: ['renderer/src/api/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule(above(['components', 'features', 'app'], 'api/ 是最底层：不能引用 components/、features/ 或 app/。')) },
  },
  {
    files: ['renderer/src/components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule(above(['features', 'app'], 'components/ 在功能之下：不能引用 features/ 或 app/，只用 api/ 与 shared/。')) },
  },
  {
    files: ['renderer/src/features/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule(noApp, noFeatureInternals(1)) },
  },
  {
    files: ['renderer/src/features/*/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule(noApp, noFeatureInternals(2)) },
  },
  {
    files: ['renderer/src/features/*/*/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererRule(noApp, noFeatureInternals(3)) },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNodeBuiltins.paths, ...noElectron.paths], patterns: [...noNodeBuiltins.patterns, ...noElectron.patterns, noElectronPath, noRendererPath] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': coreRule() },
  },
  {
    files: ['electron/core/*.ts', 'electron/core/db/**/*.ts', 'electron/core/files/**/*.ts'],
    ignores: ['electron/core/handlers.ts', 'electron/core/core.ts'],
    rules: { 'no-restricted-imports': coreRule(noFeatures('db/、files/ 与 core 根下的基础文件'), noDerived) },
  },
  {
    files: ['electron/core/derived/**/*.ts'],
    rules: { 'no-restricted-imports': coreRule(noFeatures('derived/（各功能共用的推算：生效阈值、走访日程）')) },
  },
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`electron/core/features/*${'/*'.repeat(depth)}.ts`],
    rules: { 'no-restricted-imports': coreRule(noWiring(depth)) },
  })),
  {
    files: ['electron/core/features/print/*.ts'],
    ignores: ['electron/core/features/print/{handlers,service,registry}.ts'],
    rules: { 'no-restricted-imports': coreRule(noWiring(1), noOtherFeature) },
  },
);
