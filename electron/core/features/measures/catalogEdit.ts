import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { measureFamilyLabels, type MeasureFamily, type MeasureType } from '../../../../shared/contract/measures';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { ensureMeasureCatalog } from './catalog';
import * as repo from './repository';
import { sortRisks, toMeasureType, typeView } from './shapes';
import { measureTypeRisks } from '../../db/jsonColumns';

// The office's 帮扶措施 catalog: list, add, edit, switch off (a new code takes its family's prefix).

const familyPrefix: Record<MeasureFamily, string> = {
  industry: 'CY',
  employment: 'JY',
  finance: 'JR',
  health: 'JK',
  education: 'JX',
  socialSecurity: 'ZB',
  housing: 'ZF',
  drinkingWater: 'YS',
  aspiration: 'FZ',
  pairing: 'JD',
  social: 'SH',
  livingConditions: 'SS',
  other: 'QT',
};

const measureTypeFieldLabels = { family: '措施类别', name: '措施名称', riskTypes: '对应风险', hasAmount: '涉及金额', active: '启用' } as const;

export async function catalog(ctx: HandlerContext): Promise<OutputOf<'measures.catalog'>> {
  await ensureMeasureCatalog(ctx);
  return { types: (await repo.listTypes(ctx.db)).map(toMeasureType) };
}

export async function saveType(ctx: HandlerContext, input: ParsedInputOf<'measures.saveType'>): Promise<MeasureType> {
  await ensureMeasureCatalog(ctx);
  const code = await ctx.mutate(async (tx, audit) => {
    const existing = input.code === undefined ? undefined : await repo.findType(tx, input.code.toUpperCase());
    const risks = sortRisks(input.riskTypes);
    if (existing) {
      const before = toMeasureType(existing);
      const asked = { family: input.family, name: input.name, riskTypes: risks, hasAmount: input.hasAmount, active: input.active };
      const differing = (Object.keys(asked) as (keyof typeof asked)[])
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(asked[k]))
        .map((k) => ({ path: k, label: measureTypeFieldLabels[k] }));
      if (differing.length > 0) await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), differing);
      await tx
        .updateTable('measure_types')
        .set({
          family: input.family,
          name: input.name,
          risk_types: measureTypeRisks.encode(risks),
          has_amount: input.hasAmount ? 1 : 0,
          active: input.active ? 1 : 0,
          ...touched(ctx),
        })
        .where('id', '=', existing.id)
        .execute();
      const after = toMeasureType((await repo.findType(tx, existing.code))!);
      const what = before.active !== after.active ? (after.active ? '启用' : '停用') : '修改';
      await audit.record({
        entity: 'measureType',
        entityId: existing.id,
        summary: `${what}帮扶措施目录项：${after.code} ${after.name}`,
        before: typeView(before),
        after: typeView(after),
      });
      return existing.code;
    }
    const all = await repo.typeCodes(tx);
    let newCode = input.code?.toUpperCase();
    if (newCode === undefined) {
      const prefix = familyPrefix[input.family];
      const used = all
        .map((t) => t.code)
        .filter((c) => c.startsWith(prefix))
        .map((c) => Number(c.slice(prefix.length)))
        .filter((n) => Number.isInteger(n));
      newCode = `${prefix}${String(Math.max(0, ...used) + 1).padStart(2, '0')}`;
    }
    const sortOrder = Math.max(0, ...all.map((t) => t.sort_order)) + 10;
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('measure_types')
      .values({
        ...meta,
        code: newCode,
        family: input.family,
        name: input.name,
        risk_types: measureTypeRisks.encode(risks),
        has_amount: input.hasAmount ? 1 : 0,
        sort_order: sortOrder,
        active: input.active ? 1 : 0,
      })
      .execute();
    const created = toMeasureType((await repo.findType(tx, newCode))!);
    await audit.record({
      entity: 'measureType',
      entityId: meta.id,
      summary: `新增帮扶措施目录项：${created.code} ${created.name}（${measureFamilyLabels[created.family]}）`,
      before: null,
      after: typeView(created),
    });
    return newCode;
  });
  return toMeasureType((await repo.findType(ctx.db, code))!);
}
