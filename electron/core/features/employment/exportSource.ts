import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import { jobChannelLabels, workAreaLabels } from '../../../../shared/domain/employment';
import { householdKindLabels } from '../../../../shared/domain/household';
import { yesNo } from '../../../../shared/domain/ledgerLayouts';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../files/export/queries';
import type { LedgerRecord } from '../files/export/writers';
import { migrantLedgerRows } from './ledger';

type Filters = Extract<ParsedExportInput, { ledger: 'migrantWork' }>['filters'];

const BATCH = 2000;

/** 外出务工台账 for the export: the page's own query, read in batches. */
export async function migrantWorkSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  const { total } = await migrantLedgerRows(ctx, filters, 0, 1);
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (let offset = 0; offset < total; offset += BATCH) {
      const { rows } = await migrantLedgerRows(ctx, filters, offset, BATCH);
      yield rows.map((r): LedgerRecord => {
        seq += 1;
        return {
          seq,
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
        };
      });
    }
  }
  return { total, batches: batches() };
}
