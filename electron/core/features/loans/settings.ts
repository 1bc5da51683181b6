import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { loanSettingsFieldLabels, type LoanSettingsYear } from '../../../../shared/contract/loans';
import { defaultLoanSettings, loanSettingsFor, type LoanSettings } from '../../../../shared/domain/loans';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';

// 小额信贷参数 with a yearly history (like features/thresholds): a year's rules stay in force
// until a later year's are saved; until then the national rules apply as the program's suggestion.

type Row = Awaited<ReturnType<typeof repo.settingsRows>>[number];

function toYear(r: Row): LoanSettingsYear {
  return { ...repo.toSettings(r), id: r.id, version: r.version, updatedAt: r.updated_at };
}

export async function list(ctx: HandlerContext): Promise<OutputOf<'loans.settings'>> {
  const rows = await repo.settingsRows(ctx.db);
  const today = ctx.today();
  const year = Number(today.slice(0, 4));
  return { today, saved: rows.map(toYear), inForce: loanSettingsFor(rows.map(repo.toSettings), year), suggested: defaultLoanSettings(year) };
}

export async function settingsForYear(ctx: Pick<HandlerContext, 'db'>, year: number): Promise<LoanSettings> {
  return loanSettingsFor((await repo.settingsRows(ctx.db)).map(repo.toSettings), year);
}

export function save(ctx: HandlerContext, input: ParsedInputOf<'loans.saveSettings'>): Promise<LoanSettingsYear> {
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear + 1) {
    const msg = `只能录入今年（${thisYear} 年）或明年的参数；${input.year} 年的参数请到时再录入`;
    throw new AppError('INVALID_INPUT', msg, { year: msg });
  }
  const { version, ...next } = input;
  if (next.minAge >= next.maxAge) {
    const msg = '借款人最低年龄应小于最高年龄';
    throw new AppError('INVALID_INPUT', msg, { maxAge: msg });
  }
  return ctx.mutate(async (tx, audit) => {
    const existing = (await repo.settingsRows(tx)).find((r) => r.year === input.year);
    let id: string;
    if (existing) {
      id = existing.id;
      const before = repo.toSettings(existing);
      const keys = (Object.keys(loanSettingsFieldLabels) as (keyof LoanSettings)[]).filter((k) => k !== 'year');
      const changed = keys.filter((k) => before[k] !== next[k]);
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, version, ctx.clock.now(), changed.map((k) => ({ path: k, label: loanSettingsFieldLabels[k] })));
        await tx.updateTable('loan_settings').set({ ...repo.settingsColumns(next), ...touched(ctx) }).where('id', '=', id).execute();
        await audit.record({
          entity: 'loanSettings',
          entityId: id,
          summary: `修改 ${input.year} 年小额信贷参数：${changed.map((k) => loanSettingsFieldLabels[k]).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
      }
    } else {
      await refuseStaleSave(tx, undefined, version, ctx.clock.now(), []);
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await tx.insertInto('loan_settings').values({ ...meta, ...repo.settingsColumns(next) }).execute();
      await audit.record({
        entity: 'loanSettings',
        entityId: id,
        summary: `录入 ${input.year} 年小额信贷参数：贴息比例 ${next.subsidyPercent}%，最高 ${next.maxAmountFen / 1_000_000} 万元`,
        before: null,
        after: next as unknown as Record<string, unknown>,
      });
    }
    const row = (await repo.settingsRows(tx)).find((r) => r.id === id);
    return toYear(row!);
  });
}
