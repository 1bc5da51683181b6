import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import { jobChannelLabels, workAreaLabels } from '../../../../shared/domain/employment';
import { householdKindLabels } from '../../../../shared/domain/household';
import { yesNo } from '../../../../shared/domain/ledgerLayouts';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import { pagedSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';
import { migrantLedgerRows } from './ledger';

type Filters = Extract<ParsedExportInput, { ledger: 'migrantWork' }>['filters'];

/** 外出务工台账 for the export: the page's own query, read in batches. */
export async function migrantWorkSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  return pagedSource(
    (offset, limit) => migrantLedgerRows(ctx, filters, offset, limit),
    (rows) =>
      rows.map((r): LedgerRecord => ({
        village: r.villageName,
        householdCode: r.householdCode,
        name: r.name,
        idNumber: r.idNumber,
        householdKind: householdKindLabels[r.householdKind],
        place: r.place,
        area: workAreaLabels[r.area],
        abroad: yesNo(r.abroad),
        employer: r.employer,
        job: r.job,
        channel: jobChannelLabels[r.channel],
        startDate: r.startDate,
        endDate: r.endDate,
        months: r.months,
        monthlyIncome: r.monthlyIncomeFen,
      })),
  );
}
