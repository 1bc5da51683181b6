import type { ParsedInputOf } from '../../../../shared/contract';
import { assetClassLabels, assetStatusLabels, ownerLevelLabels } from '../../../../shared/domain/assets';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';
import { selectAssets } from './repository';

// 资产台账 as it leaves the office: the page's read, in the fixed layout of ledgerLayouts.ts.

type Filters = Extract<ParsedInputOf<'files.export'>, { ledger: 'assets' }>['filters'];

export async function assetsSource(ctx: HandlerContext, f: Filters): Promise<LedgerSource> {
  const rows = await selectAssets(ctx.db, { assetClass: f.assetClass ?? null, status: f.status ?? null, villageId: f.villageId ?? null, search: '' });
  const records = rows.map(
    (a, i): LedgerRecord => ({
      seq: i + 1,
      assetCode: a.assetCode,
      name: a.name,
      assetClass: assetClassLabels[a.assetClass],
      project: `${a.projectCode} ${a.projectName}`,
      formedDate: a.formedDate,
      village: a.villageName,
      quantity: a.quantity,
      value: a.valueFen,
      ownerLevel: ownerLevelLabels[a.ownerLevel],
      ownerName: a.ownerName,
      operator: a.operator,
      caretaker: a.caretaker,
      caretakerPerson: a.caretakerPerson,
      status: assetStatusLabels[a.status],
      income: a.incomeFen,
      upkeep: a.upkeepFen,
      disposal: a.disposalFen,
    }),
  );
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    yield records;
  }
  return { total: records.length, batches: batches() };
}
