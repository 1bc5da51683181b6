import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import type { ExportLedger } from '../../../../../shared/domain/ledgerLayouts';
import type { HandlerContext } from '../../../context';
import { migrantWorkSource } from '../../employment/exportSource';
import { loansSource } from '../../loans/exportSource';
import { welfarePostsSource } from '../../posts/ledger';
import { workshopsSource } from '../../workshops/ledger';
import { fundProjectsSource, fundsLedgerSource } from '../../funds/exportSources';
import { householdSource } from './householdSource';
import { measureSource, monitoringSource } from './caseSources';
import { visitSource, visitsDueSource } from './visitSources';
import { incomeSource } from './incomeSource';
import type { LedgerSource } from '../../../files/export/ledgerCommon';
import { assetsSource } from '../../assets/exportSource';
import { paymentLinesSource } from '../../payments/lineLedger';

// Which ledger's rows an export reads: one source per ledger, each in its own file by feature.
export { householdSource } from './householdSource';
export { monitoringSource, measureSource } from './caseSources';
export { visitSource, visitsDueSource } from './visitSources';
export { incomeSource } from './incomeSource';
export { officeNames, type LedgerSource } from '../../../files/export/ledgerCommon';

export function sourceFor(ctx: HandlerContext, input: ParsedExportInput): Promise<LedgerSource> {
  switch (input.ledger) {
    case 'households':
      return householdSource(ctx, input.filters);
    case 'monitoring':
      return monitoringSource(ctx, input.filters);
    case 'measures':
      return measureSource(ctx, input.filters);
    case 'visits':
      return visitSource(ctx, input.filters);
    case 'visitsDue':
      return visitsDueSource(ctx, input.filters);
    case 'income':
      return incomeSource(ctx, input.filters);
    case 'migrantWork':
      return migrantWorkSource(ctx, input.filters);
    case 'funds':
      return fundsLedgerSource(ctx, input.filters);
    case 'fundProjects':
      return fundProjectsSource(ctx, input.filters);
    case 'loans':
      return loansSource(ctx, input.filters);
    case 'welfarePosts':
      return welfarePostsSource(ctx, input.filters);
    case 'workshops':
      return workshopsSource(ctx, input.filters);
    case 'assets':
      return assetsSource(ctx, input.filters);
    case 'paymentLines':
      return paymentLinesSource(ctx, input.filters);
  }
}

export type { ExportLedger };
