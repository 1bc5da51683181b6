import type { z } from 'zod';
import { pendingKinds, type PendingItem, type PendingKind, type PendingList, type pendingChannels } from '../../../../shared/contract/pending';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { Kysely } from 'kysely';
import { countPendingItems, pendingItems } from './repository';

// 待补充 list: every kind's items, counted by village and by kind; the page shows the first
// `shown` of the filtered list.

const shown = 2000;

async function allItems(db: Kysely<DB>, today: string): Promise<PendingItem[]> {
  const out: PendingItem[] = [];
  for (const kind of pendingKinds) out.push(...(await pendingItems(db, kind, today)));
  return out;
}

export async function list(ctx: HandlerContext, input: z.output<(typeof pendingChannels)['pending.list']['input']>): Promise<PendingList> {
  ctx.requireUser();
  const items = await allItems(ctx.db, ctx.today());
  const villages = new Map<string, { villageId: string; villageName: string; count: number }>();
  const kinds = new Map<PendingKind, number>();
  for (const it of items) {
    const v = villages.get(it.villageId) ?? { villageId: it.villageId, villageName: it.villageName, count: 0 };
    v.count += 1;
    villages.set(it.villageId, v);
    kinds.set(it.kind, (kinds.get(it.kind) ?? 0) + 1);
  }
  const filtered = items.filter((it) => (!input.villageId || it.villageId === input.villageId) && (!input.kind || it.kind === input.kind));
  return {
    total: items.length,
    byVillage: [...villages.values()].sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN')),
    byKind: pendingKinds.filter((k) => kinds.has(k)).map((k) => ({ kind: k, count: kinds.get(k) ?? 0 })),
    items: filtered.slice(0, shown),
    truncated: filtered.length > shown,
  };
}

/**
 * How many 待补充 items the office has (for the home page's count): a count(*) per kind, so a
 * workbench visit builds no item rows.
 */
export async function countPendingDetails(db: Kysely<DB>, today: string): Promise<number> {
  const counts = await Promise.all(pendingKinds.map((kind) => countPendingItems(db, kind, today)));
  return counts.reduce((a, n) => a + n, 0);
}
