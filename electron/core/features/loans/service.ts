import type { Selectable, Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { loanFieldLabels, type Loan, type LoanEvent } from '../../../../shared/contract/loans';
import { loanSettingsFor, loanStatus, loanWarnings, outstandingFen, overdueDays, subsidyDueFen, type LoanSettings } from '../../../../shared/domain/loans';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB, LoanEventTable } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';

// 脱贫人口小额信贷: a loan is recorded as the bank made it. A rule it breaks (over 5 万, over
// 3 years, borrower's age, a forbidden use) is a warning on the ledger, not a refusal; what the
// record contradicts itself with (a borrower from another household, the same contract twice,
// repaying more than is owed) is refused.

type Tx = Transaction<DB>;

/** Warnings follow the rules of the loan's own year; the 贴息 share follows the ledger's year. */
export function toLoan(r: repo.LoanRecord, year: number, today: string, rules: (year: number) => LoanSettings): Loan {
  const settings = rules(year);
  const outstanding = outstandingFen(r.amount_fen, Number(r.repaid));
  const interest = Number(r.interest);
  return {
    id: r.id,
    householdId: r.household_id,
    householdCode: r.household_code,
    householdKind: r.household_kind,
    villageName: r.village_name,
    borrowerId: r.borrower_id,
    borrowerName: r.borrower_name,
    bank: r.bank,
    contractNo: r.contract_no,
    amountFen: r.amount_fen,
    loanDate: r.loan_date,
    dueDate: r.due_date,
    rateBp: r.rate_bp,
    use: r.use,
    useDetail: r.use_detail,
    kind: r.kind,
    riskCompensation: r.risk_compensation === 1,
    note: r.note,
    repaidPrincipalFen: Number(r.repaid),
    outstandingFen: outstanding,
    overdueDays: overdueDays(r.due_date, outstanding, today),
    status: loanStatus(outstanding, r.due_date, today),
    year,
    interestPaidFen: interest,
    subsidyDueFen: subsidyDueFen(interest, r.amount_fen, settings),
    subsidyPaidFen: Number(r.subsidy),
    warnings: loanWarnings(
      { amountFen: r.amount_fen, loanDate: r.loan_date, dueDate: r.due_date, rateBp: r.rate_bp, use: r.use, borrowerBirthDate: r.borrower_birth_date },
      rules(Number(r.loan_date.slice(0, 4))),
    ),
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** Every loan view needs the rules of its year (贴息 share) — one read per call, not per row. */
export async function settingsBook(db: Tx | HandlerContext['db']): Promise<(year: number) => LoanSettings> {
  const saved = (await repo.settingsRows(db)).map(repo.toSettings);
  const cache = new Map<number, LoanSettings>();
  return (year) => {
    let s = cache.get(year);
    if (!s) cache.set(year, (s = loanSettingsFor(saved, year)));
    return s;
  };
}

export async function loanView(db: Tx | HandlerContext['db'], ctx: HandlerContext, id: string): Promise<Loan> {
  const today = ctx.today();
  const year = Number(today.slice(0, 4));
  const r = await repo.loansQuery(db, { year, loanId: id }).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '找不到该笔贷款，可能已被删除，请刷新后重试');
  return toLoan(r, year, today, await settingsBook(db));
}

export async function forHousehold(ctx: HandlerContext, input: ParsedInputOf<'loans.forHousehold'>): Promise<OutputOf<'loans.forHousehold'>> {
  const today = ctx.today();
  const year = Number(today.slice(0, 4));
  const rows = await repo.loansQuery(ctx.db, { year, householdId: input.householdId }).orderBy('l.loan_date', 'desc').execute();
  const rules = await settingsBook(ctx.db);
  return { loans: rows.map((r) => toLoan(r, year, today, rules)) };
}

function toEvent(e: Selectable<LoanEventTable>, all: readonly Selectable<LoanEventTable>[]): LoanEvent {
  return {
    id: e.id,
    kind: e.kind,
    eventDate: e.event_date,
    principalFen: e.principal_fen,
    interestFen: e.interest_fen,
    subsidyFen: e.subsidy_fen,
    subsidyYear: e.subsidy_year,
    reversesId: e.reverses_id,
    reversedBy: all.find((x) => x.reverses_id === e.id)?.id ?? null,
    note: e.note,
    createdAt: e.created_at,
  };
}

export async function get(ctx: HandlerContext, input: ParsedInputOf<'loans.get'>): Promise<OutputOf<'loans.get'>> {
  const loan = await loanView(ctx.db, ctx, input.id);
  const events = await repo.loanEvents(ctx.db, input.id);
  return { loan, events: events.map((e) => toEvent(e, events)) };
}

async function checkBorrower(tx: Tx, householdId: string, borrowerId: string): Promise<void> {
  const member = await tx.selectFrom('members').select(['household_id', 'name']).where('id', '=', borrowerId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!member || member.household_id !== householdId) {
    const msg = '借款人不是该户成员，请从该户成员中选择借款人（户借户用户还）';
    throw new AppError('INVALID_INPUT', msg, { borrowerId: msg });
  }
}

/** A loan dated after today cannot have been made; the bank sheet's import asks the same. */
export function loanDateProblem(loanDate: string, today: string): string | null {
  return loanDate > today ? `放款日 ${loanDate} 晚于今天（${today}），请按银行放款的实际日期填写` : null;
}

function checkDates(ctx: HandlerContext, loanDate: string): void {
  const msg = loanDateProblem(loanDate, ctx.today());
  if (msg !== null) throw new AppError('INVALID_INPUT', msg, { loanDate: msg });
}

function describe(i: { bank: string; contractNo: string; amountFen: number; loanDate: string }): string {
  return `${i.bank} 合同 ${i.contractNo}，${formatYuan(i.amountFen)} 元，${i.loanDate} 放款`;
}

type LoanColumnValues = Omit<ParsedInputOf<'loans.save'>, 'id' | 'version'>;

function columns(v: LoanColumnValues) {
  return {
    household_id: v.householdId,
    borrower_id: v.borrowerId,
    bank: v.bank,
    contract_no: v.contractNo,
    amount_fen: v.amountFen,
    loan_date: v.loanDate,
    due_date: v.dueDate,
    rate_bp: v.rateBp,
    use: v.use,
    use_detail: v.useDetail,
    kind: v.kind,
    risk_compensation: v.riskCompensation ? 1 : 0,
    note: v.note,
  };
}

export function save(ctx: HandlerContext, input: ParsedInputOf<'loans.save'>): Promise<Loan> {
  checkDates(ctx, input.loanDate);
  const { id: existingId, version, ...values } = input;
  return ctx.mutate(async (tx, audit) => {
    const household = await tx.selectFrom('households').select(['id', 'household_code']).where('id', '=', values.householdId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!household) throw new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新后重试');
    await checkBorrower(tx, values.householdId, values.borrowerId);
    const dup = await tx
      .selectFrom('loans')
      .select('id')
      .where('bank', '=', values.bank)
      .where('contract_no', '=', values.contractNo)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (dup && dup.id !== existingId) {
      const msg = `${values.bank}的合同“${values.contractNo}”已经登记过了，请勿重复登记；如需修改请打开原记录`;
      throw new AppError('INVALID_INPUT', msg, { contractNo: msg });
    }
    let id: string;
    if (existingId === undefined) {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await tx.insertInto('loans').values({ ...meta, ...columns(values) }).execute();
      await audit.record({ entity: 'loan', entityId: id, summary: `登记小额信贷 ${household.household_code}：${describe(values)}`, before: null, after: values as unknown as Record<string, unknown> });
    } else {
      const row = await repo.findLoanRow(tx, existingId);
      if (!row) throw new AppError('NOT_FOUND', '找不到该笔贷款，可能已被删除，请刷新后重试');
      if (row.household_id !== values.householdId) throw new AppError('INVALID_INPUT', '贷款所属的户不能修改；登记错户的贷款请联系管理员处理');
      id = existingId;
      const next = columns(values);
      const keys = Object.keys(next) as (keyof typeof next)[];
      const changed = keys.filter((k) => row[k] !== next[k]);
      if (changed.length > 0) {
        const labels = Object.fromEntries(Object.entries(columnToField).map(([c, f]) => [c, loanFieldLabels[f]]));
        await refuseStaleSave(tx, row, version, ctx.clock.now(), changed.map((k) => ({ path: columnToField[k], label: labels[k]! })));
        await tx.updateTable('loans').set({ ...next, ...touched(ctx) }).where('id', '=', id).execute();
        await audit.record({
          entity: 'loan',
          entityId: id,
          summary: `修改小额信贷 ${household.household_code} 合同 ${values.contractNo}：${changed.map((k) => labels[k]).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, row[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
      }
    }
    return loanView(tx, ctx, id);
  });
}

const columnToField = {
  household_id: 'householdId',
  borrower_id: 'borrowerId',
  bank: 'bank',
  contract_no: 'contractNo',
  amount_fen: 'amountFen',
  loan_date: 'loanDate',
  due_date: 'dueDate',
  rate_bp: 'rateBp',
  use: 'use',
  use_detail: 'useDetail',
  kind: 'kind',
  risk_compensation: 'riskCompensation',
  note: 'note',
} as const satisfies Record<keyof ReturnType<typeof columns>, keyof typeof loanFieldLabels>;
