import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { BatchRow, FundLedgerRow } from '../../../../shared/contract/funds';
import { fundLevelLabels, fundSettingsFor, yuan, type FundLevel, type FundSettings } from '../../../../shared/domain/funds';
import { milestoneLateness, progressPermille } from '../../../../shared/domain/fundsRules';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { fundSettingsOf } from './settings';
import { toProjectRow, villageNameMap } from './views';

// Sources, settings, batches and the 资金台账 / to-do reads. Projects: projects.ts; money: money.ts.

export async function catalog(ctx: HandlerContext): Promise<OutputOf<'funds.catalog'>> {
  const today = ctx.today();
  const rows = await repo.savedSettingsRows(ctx.db);
  const saved = rows.map((r) => ({ ...repo.toFundSettings(r), id: r.id, version: r.version, updatedAt: r.updated_at }));
  const sources = (await repo.sources(ctx.db)).map((s) => ({ code: s.code, name: s.name, level: s.level as FundLevel | null, active: s.active === 1 }));
  return { today, sources, saved, inForce: fundSettingsFor(saved, Number(today.slice(0, 4))) };
}

const settingLabels: Record<keyof Omit<FundSettings, 'year'>, string> = {
  villageNoticeDays: '村公示天数',
  townshipNoticeDays: '乡公示天数',
  libraryNoticeDays: '入库公告天数',
  reviewDeadlineDays: '公示期满后审核时限',
  milestones: '支出进度节点',
  closeDate: '年度结账日期',
};

export async function saveSettings(ctx: HandlerContext, input: ParsedInputOf<'funds.saveSettings'>): Promise<OutputOf<'funds.saveSettings'>> {
  const { version, ...values } = input;
  if (values.closeDate !== null && values.closeDate < `${values.year}-01-01`) {
    const msg = `${values.year} 年度的结账日期不能早于 ${values.year} 年 1 月 1 日，请核对年份`;
    throw new AppError('INVALID_INPUT', msg, { closeDate: msg });
  }
  const next: FundSettings = values;
  return ctx.mutate(async (tx, audit) => {
    const existing = (await repo.savedSettingsRows(tx)).find((r) => r.year === input.year);
    const keys = Object.keys(settingLabels) as (keyof typeof settingLabels)[];
    if (existing) {
      const before = repo.toFundSettings(existing);
      const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, version, ctx.clock.now(), changed.map((k) => ({ path: k, label: settingLabels[k] })));
        await tx.updateTable('fund_settings').set({ ...repo.settingsColumns(next), ...touched(ctx) }).where('id', '=', existing.id).execute();
        await audit.record({
          entity: 'fundSettings',
          entityId: existing.id,
          summary: `修改 ${input.year} 年资金项目参数：${changed.map((k) => settingLabels[k]).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
      }
    } else {
      const meta = await newRowMeta(ctx);
      await tx.insertInto('fund_settings').values({ ...meta, ...repo.settingsColumns(next) }).execute();
      await audit.record({
        entity: 'fundSettings',
        entityId: meta.id,
        summary: `录入 ${input.year} 年资金项目参数：村公示 ${next.villageNoticeDays} 天，乡公示 ${next.townshipNoticeDays} 天，入库公告 ${next.libraryNoticeDays} 天`,
        before: null,
        after: next as unknown as Record<string, unknown>,
      });
    }
    const row = (await repo.savedSettingsRows(tx)).find((r) => r.year === input.year)!;
    return { ...repo.toFundSettings(row), id: row.id, version: row.version, updatedAt: row.updated_at };
  });
}

function toBatchRow(r: Awaited<ReturnType<typeof repo.batchRows>>[number]): BatchRow {
  return {
    id: r.id,
    docNo: r.doc_no,
    issuedDate: r.issued_date,
    year: r.year,
    level: r.level as FundLevel,
    sourceCode: r.source_code,
    sourceName: r.source_name,
    amountFen: r.amount_fen,
    useDirection: r.use_direction,
    allocatedFen: r.allocated_fen,
    disbursedFen: r.disbursed_fen,
  };
}

export async function listBatches(ctx: HandlerContext, input: ParsedInputOf<'funds.listBatches'>): Promise<OutputOf<'funds.listBatches'>> {
  return { rows: (await repo.batchRows(ctx.db, input.year)).map(toBatchRow) };
}

export async function createBatch(ctx: HandlerContext, input: ParsedInputOf<'funds.createBatch'>): Promise<OutputOf<'funds.createBatch'>> {
  const today = ctx.today();
  if (input.issuedDate > today) {
    const msg = `下达日期 ${input.issuedDate} 晚于今天（${today}），请填写文件实际下达的日期`;
    throw new AppError('INVALID_INPUT', msg, { issuedDate: msg });
  }
  return ctx.mutate(async (tx, audit) => {
    const source = (await repo.sources(tx)).find((s) => s.code === input.sourceCode && s.active === 1);
    if (!source) {
      const msg = '资金来源不在来源目录中，请从列表中选择';
      throw new AppError('INVALID_INPUT', msg, { sourceCode: msg });
    }
    const settings = await fundSettingsOf(tx, input.year);
    if (settings.closeDate !== null && today > settings.closeDate) {
      const msg = `${input.year} 年度资金已于 ${settings.closeDate} 结账，不能再录入批次；请核对年度`;
      throw new AppError('INVALID_INPUT', msg, { year: msg });
    }
    const dup = await tx
      .selectFrom('fund_batches')
      .select('id')
      .where('doc_no', '=', input.docNo)
      .where('source_code', '=', input.sourceCode)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (dup) {
      const msg = `文号“${input.docNo}”的${source.name}批次已经录入过了，请勿重复录入`;
      throw new AppError('INVALID_INPUT', msg, { docNo: msg });
    }
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_batches')
      .values({
        ...meta,
        doc_no: input.docNo,
        issued_date: input.issuedDate,
        year: input.year,
        level: input.level,
        source_code: input.sourceCode,
        amount_fen: input.amountFen,
        use_direction: input.useDirection,
        note: input.note,
      })
      .execute();
    await audit.record({
      entity: 'fundBatch',
      entityId: meta.id,
      summary: `录入资金批次 ${input.docNo}：${fundLevelLabels[input.level]}${source.name} ${yuan(input.amountFen)} 元`,
      before: null,
      after: { ...input },
    });
    return toBatchRow((await repo.batchRows(tx, input.year)).find((b) => b.id === meta.id)!);
  });
}

function ledgerRow(code: string, name: string, issued: number, allocated: number, disbursed: number, s: FundSettings, asOf: string): FundLedgerRow {
  const l = milestoneLateness({ allocatedFen: allocated, disbursedFen: disbursed, milestones: s.milestones, year: s.year, asOf });
  return {
    sourceCode: code,
    sourceName: name,
    issuedFen: issued,
    allocatedFen: allocated,
    disbursedFen: disbursed,
    balanceFen: issued - disbursed,
    progressPermille: progressPermille(disbursed, allocated),
    requiredPercent: l.requiredPercent,
    late: l.late,
  };
}

export async function ledger(ctx: HandlerContext, input: ParsedInputOf<'funds.ledger'>): Promise<OutputOf<'funds.ledger'>> {
  const asOf = ctx.today();
  const settings = await fundSettingsOf(ctx.db, input.year);
  const sums = await repo.ledgerSums(ctx.db, input.year, input.level);
  const rows = sums.map((s) => ledgerRow(s.code, s.name, s.issued_fen, s.allocated_fen, s.disbursed_fen, settings, asOf));
  const t = (k: 'issuedFen' | 'allocatedFen' | 'disbursedFen') => rows.reduce((a, r) => a + r[k], 0);
  return { rows, total: ledgerRow('total', '合计', t('issuedFen'), t('allocatedFen'), t('disbursedFen'), settings, asOf), asOf };
}

export async function listProjects(ctx: HandlerContext, input: ParsedInputOf<'funds.listProjects'>): Promise<OutputOf<'funds.listProjects'>> {
  const asOf = ctx.today();
  const [records, names, saved] = await Promise.all([repo.projectListRows(ctx.db, input), villageNameMap(ctx.db), repo.savedSettingsRows(ctx.db)]);
  const plain = saved.map(repo.toFundSettings);
  const byYear = new Map<number, FundSettings>();
  const settingsOf = (y: number): FundSettings => {
    let s = byYear.get(y);
    if (!s) byYear.set(y, (s = fundSettingsFor(plain, y)));
    return s;
  };
  const rows = records.map((r) => toProjectRow(r, names, settingsOf(r.year), asOf));
  return { rows: input.lateOnly ? rows.filter((r) => r.late) : rows, asOf };
}

/** The to-do list a home page counts: spending behind its milestone, reviews past their due day. */
export async function todos(ctx: HandlerContext): Promise<OutputOf<'funds.todos'>> {
  const today = ctx.today();
  const { rows } = await listProjects(ctx, { year: null, status: null, projectType: null, villageId: null, search: '', lateOnly: false });
  const lateSpending = rows.filter((r) => r.late);
  const overdueReviews = rows.filter((r) => (r.status === 'draft' || r.status === 'inLibrary') && r.dueDate !== null && r.dueDate < today);
  return { lateSpending, overdueReviews, count: lateSpending.length + overdueReviews.length };
}
