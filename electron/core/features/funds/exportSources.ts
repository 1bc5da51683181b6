import type { ParsedInputOf } from '../../../../shared/contract';
import { projectStatusLabels, projectStepLabels, projectTypeLabels } from '../../../../shared/domain/funds';
import { yesNo } from '../../../../shared/domain/ledgerLayouts';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';
import { ledger, listProjects } from './service';

// The funds ledgers as they leave the office (台账导出): the same reads as the pages, in the fixed
// layouts of shared/domain/ledgerLayouts.ts.

type Filters<L extends 'funds' | 'fundProjects'> = Extract<ParsedInputOf<'files.export'>, { ledger: L }>['filters'];

function source(rows: LedgerRecord[]): LedgerSource {
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    yield rows;
  }
  return { total: rows.length, batches: batches() };
}

const share = (permille: number | null): number | null => (permille === null ? null : permille / 1000);

export async function fundsLedgerSource(ctx: HandlerContext, f: Filters<'funds'>): Promise<LedgerSource> {
  const out = await ledger(ctx, { year: f.year ?? Number(ctx.today().slice(0, 4)), level: f.level ?? null });
  const rows = [...out.rows, out.total].map((r, i): LedgerRecord => ({
    seq: r.sourceCode === 'total' ? null : i + 1,
    source: r.sourceName,
    issued: r.issuedFen,
    allocated: r.allocatedFen,
    disbursed: r.disbursedFen,
    balance: r.balanceFen,
    progress: share(r.progressPermille),
    required: r.requiredPercent / 100,
    late: yesNo(r.late),
  }));
  return source(rows);
}

export async function fundProjectsSource(ctx: HandlerContext, f: Filters<'fundProjects'>): Promise<LedgerSource> {
  const out = await listProjects(ctx, {
    year: f.year ?? null,
    status: f.status ?? null,
    projectType: f.projectType ?? null,
    villageId: f.villageId ?? null,
    search: '',
    lateOnly: false,
  });
  return source(
    out.rows.map((p, i): LedgerRecord => ({
      seq: i + 1,
      projectCode: p.projectCode,
      name: p.name,
      projectType: projectTypeLabels[p.projectType],
      year: p.year,
      villages: p.villageNames.join('、'),
      unit: p.implementingUnit,
      status: projectStatusLabels[p.status],
      lastStep: p.lastStep === null ? null : projectStepLabels[p.lastStep],
      lastStepDate: p.lastStepDate,
      budget: p.budgetFen,
      allocated: p.allocatedFen,
      disbursed: p.disbursedFen,
      progress: share(p.progressPermille),
      late: yesNo(p.late),
    })),
  );
}
