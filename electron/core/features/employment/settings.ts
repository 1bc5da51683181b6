import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { employmentSettingsFieldLabels, type EmploymentSettingsYear } from '../../../../shared/contract/employment';
import { defaultEmploymentSettings, employmentSettingsFor, employmentSettingsProblems, type EmploymentSettings } from '../../../../shared/domain/employmentSettings';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';

// 就业参数 with a yearly history (like features/thresholds): a year's values stay in force until
// a later year's are saved; until then the program's defaults apply and the page says so.

type Row = Awaited<ReturnType<typeof repo.listSettingsYears>>[number];

function toYear(r: Row): EmploymentSettingsYear {
  return { ...repo.toSettings(r), id: r.id, version: r.version, updatedAt: r.updated_at, updatedByName: r.updated_by_name };
}

export async function list(ctx: HandlerContext): Promise<OutputOf<'employment.settings'>> {
  const rows = await repo.listSettingsYears(ctx.db);
  const today = ctx.today();
  const year = Number(today.slice(0, 4));
  return {
    today,
    saved: rows.map(toYear),
    inForce: employmentSettingsFor(rows.map(repo.toSettings), year),
    suggested: defaultEmploymentSettings(year),
  };
}

/** The settings for `year` (saved or default): what every employment rule reads. */
export async function settingsForYear(ctx: Pick<HandlerContext, 'db'>, year: number): Promise<EmploymentSettings> {
  return employmentSettingsFor(await repo.savedSettings(ctx.db), year);
}

export function save(ctx: HandlerContext, input: ParsedInputOf<'employment.saveSettings'>): Promise<EmploymentSettingsYear> {
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear + 1) {
    const msg = `只能录入今年（${thisYear} 年）或明年的参数；${input.year} 年的参数请到时再录入`;
    throw new AppError('INVALID_INPUT', msg, { year: msg });
  }
  const { version, ...next } = input;
  const problems = employmentSettingsProblems(next);
  const first = Object.values(problems)[0];
  if (first !== undefined) throw new AppError('INVALID_INPUT', first, problems);
  return ctx.mutate(async (tx, audit) => {
    const rows = await repo.listSettingsYears(tx);
    const existing = rows.find((r) => r.year === input.year);
    const columns = repo.settingsColumns(next);
    let id: string;
    if (existing) {
      const before = repo.toSettings(existing);
      const keys = Object.keys(employmentSettingsFieldLabels) as (keyof EmploymentSettings)[];
      const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(repo.toSettings({ ...existing, ...columns })[k]));
      id = existing.id;
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, version, ctx.clock.now(), changed.map((k) => ({ path: k, label: employmentSettingsFieldLabels[k] })));
        await repo.updateSettingsYear(tx, existing.id, { ...columns, ...touched(ctx) });
        await audit.record({
          entity: 'employmentSettings',
          entityId: existing.id,
          summary: `修改 ${input.year} 年就业参数：${changed.map((k) => employmentSettingsFieldLabels[k]).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
      }
    } else {
      await refuseStaleSave(tx, undefined, version, ctx.clock.now(), []);
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await repo.insertSettingsYear(tx, { ...meta, ...columns });
      await audit.record({
        entity: 'employmentSettings',
        entityId: id,
        summary: `录入 ${input.year} 年就业参数：劳动年龄 ${next.minAge}–${next.maxAgeMale}（男）/${next.maxAgeFemale}（女）岁`,
        before: null,
        after: next as unknown as Record<string, unknown>,
      });
    }
    const row = (await repo.listSettingsYears(tx)).find((r) => r.id === id);
    return toYear(row!);
  });
}
