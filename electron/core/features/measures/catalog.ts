import { z } from 'zod';
import catalogJson from '../../../../resources/measure-catalog.json';
import { measureFamilies } from '../../../../shared/contract/measures';
import { riskTypes } from '../../../../shared/domain/monitoring';
import type { HandlerContext } from '../../context';
import { newRowMeta } from '../../rows';
import { measureTypeRisks } from '../../db/jsonColumns';

// The measure catalog ships as data (resources/measure-catalog.json, DOMAIN §10) and is copied into
// the office's measure_types the first time the measures feature is used; from then on the admin
// edits it in the program (measures.saveType). Loading is idempotent: it only runs on an empty table.

const catalogFileSchema = z.object({
  version: z.number().int(),
  types: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Za-z0-9-]{2,20}$/),
        family: z.enum(measureFamilies),
        name: z.string().min(1).max(40),
        riskTypes: z.array(z.enum(riskTypes)).min(1),
        hasAmount: z.boolean(),
      }),
    )
    .min(1),
});
export type CatalogEntry = z.infer<typeof catalogFileSchema>['types'][number];

/** The shipped catalog, checked against the vocabulary (a bad file fails loudly in tests). */
export function shippedCatalog(): CatalogEntry[] {
  return catalogFileSchema.parse(catalogJson).types;
}

/** Databases known to have a catalog in this process (skips the count query after the first time). */
const loaded = new WeakSet<object>();

/**
 * Loads the shipped catalog into measure_types if the office has none yet, in one transaction with
 * one audit line. Returns the number of types loaded (0 when the office already had its catalog).
 */
export async function ensureMeasureCatalog(ctx: HandlerContext): Promise<number> {
  if (loaded.has(ctx.db)) return 0;
  const count = await ctx.mutate(async (tx, audit) => {
    const existing = await tx.selectFrom('measure_types').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) return 0;
    const types = shippedCatalog();
    const userId = ctx.session.user?.id ?? 'system';
    let order = 0;
    for (const t of types) {
      order += 10;
      await tx
        .insertInto('measure_types')
        .values({
          ...(await newRowMeta(ctx, userId)),
          code: t.code,
          family: t.family,
          name: t.name,
          risk_types: measureTypeRisks.encode(t.riskTypes),
          has_amount: t.hasAmount ? 1 : 0,
          sort_order: order,
          active: 1,
        })
        .execute();
    }
    const families = new Set(types.map((t) => t.family)).size;
    await audit.record({
      entity: 'measureCatalog',
      entityId: await ctx.officeCode(),
      summary: `载入帮扶措施目录：${families} 类 ${types.length} 项措施`,
      before: null,
      after: { count: types.length, codes: types.map((t) => t.code) },
    });
    return types.length;
  });
  loaded.add(ctx.db);
  return count;
}
