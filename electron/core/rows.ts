import type { HandlerContext, NewRowMeta } from './context';
import { uuidv7 } from './ids';

/** id, office code and timestamps for a row the current user is creating. */
export async function newRowMeta(ctx: HandlerContext, updatedBy: string = ctx.requireUser().id): Promise<NewRowMeta> {
  const now = ctx.nowIso();
  return {
    id: uuidv7(ctx.clock.now().getTime()),
    office_code: await ctx.officeCode(),
    created_at: now,
    updated_at: now,
    updated_by: updatedBy,
    deleted_at: null,
    delete_reason: null,
  };
}

/** updated_at/updated_by for a row the current user is changing. */
export function touched(ctx: HandlerContext): { updated_at: string; updated_by: string } {
  return { updated_at: ctx.nowIso(), updated_by: ctx.requireUser().id };
}
