import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The renderer's floors (api < components < features < app), the core's (db, files and core's root
// files < derived < features < handlers.ts and core.ts; the print engine below the features) and
// the ban on electron/ and Node built-ins live in eslint.config.mjs; these cases check the rules
// still catch what they are for. Cycles between features: importLayers.test.ts.
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

describe('core layering lint', { timeout: 60_000 }, () => {
  it.each([
    ['electron/core/ids.ts', './features/households/repository'],
    ['electron/core/transaction.ts', './derived/thresholds'],
    ['electron/core/db/open.ts', '../features/users/repository'],
    ['electron/core/files/export/writers.ts', '../../features/loans/service'],
    ['electron/core/files/xlsx/xmlScan.ts', '../../derived/visitSchedule'],
    ['electron/core/derived/visitSchedule.ts', '../features/thresholds/repository'],
    ['electron/core/features/print/html.ts', '../forms/formFields'],
    ['electron/core/features/print/render.ts', '../notices/repository'],
    ['electron/core/features/loans/service.ts', '../../handlers'],
    ['electron/core/features/files/import/kinds/loans/plan.ts', '../../../../../core'],
    ['electron/core/features/loans/service.ts', '../../../main/index'],
    ['electron/core/auditWriter.ts', 'electron'],
    ['shared/lib/money.ts', '../../renderer/src/api/client'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(true);
  });

  it.each([
    ['electron/core/transaction.ts', './auditWriter'],
    ['electron/core/files/export/ledgerFile.ts', '../../jobs'],
    ['electron/core/derived/visitSchedule.ts', '../db/schema'],
    ['electron/core/features/loans/service.ts', '../../derived/thresholds'],
    ['electron/core/features/loans/exportSource.ts', '../../files/export/ledgerCommon'],
    ['electron/core/features/loans/handlers.ts', '../../handler'],
    ['electron/core/features/print/registry.ts', '../forms/documents'],
    ['electron/core/features/forms/documents/facts.ts', '../../print/html'],
    ['electron/core/handlers.ts', './features/loans/handlers'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toBe(false);
  });
});
