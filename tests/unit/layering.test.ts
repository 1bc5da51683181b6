import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The renderer's floors (api < components < features < app) and the ban on electron/ and Node
// built-ins live in eslint.config.mjs; these cases check the rules still catch what they are for.
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

// The first lint loads the whole ESLint config (seconds on a busy two-core machine).
describe('renderer layering lint', { timeout: 60_000 }, () => {
  it.each([
    ['renderer/src/api/today.ts', '../components/format'],
    ['renderer/src/api/today.ts', '../features/households'],
    ['renderer/src/api/today.ts', '../app/nav'],
    ['renderer/src/components/format.ts', '../features/households/queries'],
    ['renderer/src/components/ledger/LedgerTable.tsx', '../../app/session'],
    ['renderer/src/features/visits/DuePage.tsx', '../../app/session'],
    ['renderer/src/features/visits/DuePage.tsx', '../households/queries'],
    ['renderer/src/features/files/export/ExportPage.tsx', '../../households/queries'],
    ['renderer/src/features/visits/DuePage.tsx', '../../../../electron/core/handler'],
    ['renderer/src/features/visits/DuePage.tsx', 'node:fs'],
    ['renderer/src/api/client.ts', 'path'],
    ['shared/lib/money.ts', '../../electron/core/handler'],
    ['shared/lib/money.ts', 'electron'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(true);
  });

  it.each([
    ['renderer/src/components/format.ts', '../api/client'],
    ['renderer/src/features/visits/DuePage.tsx', '../households'],
    ['renderer/src/features/visits/DuePage.tsx', '../../components/ledger'],
    ['renderer/src/features/visits/DuePage.tsx', './VisitDialog'],
    ['renderer/src/features/files/export/ExportPage.tsx', '../import/ImportPage'],
    ['renderer/src/features/files/export/ExportPage.tsx', '../../../api/queries'],
    ['renderer/src/app/routes.tsx', '../features/visits/DuePage'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(false);
  });
});
