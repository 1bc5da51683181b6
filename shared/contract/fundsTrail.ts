import { z } from 'zod';

// 资金流向 (issue 13 item 8): one project's money from each batch through its allocations and
// disbursements to the payment-list lines that reached households, with their bank results. The
// project's 资金流向 page shows it on screen; the printed 资金流向表 is the same data on paper
// (electron/core/features/funds/trail.ts), so what the clerk reads is what the county signs.
// Labels come resolved (stage, payee, result, list status): the page and the paper say the same.

const trailLineSchema = z.object({
  household: z.string(),
  name: z.string(),
  basis: z.string(),
  amountFen: z.number().int(),
  /** The bank's result in words ('' before the bank answered). */
  result: z.string(),
  /** 冲回 / 失败重发 / the failure's reason and what became of it, joined by '；'. */
  note: z.string(),
  /** What this line moved to the household: a 成功 line, or a reversal in a list the bank has. */
  reachedFen: z.number().int(),
  failed: z.boolean(),
});
export type MoneyTrailLine = z.infer<typeof trailLineSchema>;

const trailListSchema = z.object({
  title: z.string(),
  period: z.string(),
  status: z.string(),
  bankOn: z.string().nullable(),
  /** 草稿 → 已审核: nothing has left the office, so none of its lines counts as paid. */
  sent: z.boolean(),
  lines: z.array(trailLineSchema),
  paidFen: z.number().int(),
  failedFen: z.number().int(),
});
export type MoneyTrailList = z.infer<typeof trailListSchema>;

const trailEntry = { date: z.string(), amountFen: z.number().int(), note: z.string() };

const trailBatchSchema = z.object({
  docNo: z.string(),
  source: z.string(),
  year: z.number().int(),
  issuedDate: z.string(),
  issuedFen: z.number().int(),
  allocations: z.array(z.object(trailEntry)),
  disbursements: z.array(z.object({ ...trailEntry, voucherNo: z.string(), stage: z.string(), payee: z.string(), lists: z.array(trailListSchema) })),
  allocatedFen: z.number().int(),
  disbursedFen: z.number().int(),
});
export type MoneyTrailBatch = z.infer<typeof trailBatchSchema>;

export const moneyTrailSchema = z.object({
  project: z.object({ id: z.string(), code: z.string(), name: z.string(), year: z.number().int(), unit: z.string(), budgetFen: z.number().int() }),
  office: z.object({ countyName: z.string(), townshipName: z.string() }),
  batches: z.array(trailBatchSchema),
  /** Payment lists of the project that name no disbursement. */
  unlinked: z.array(trailListSchema),
  totals: z.object({
    allocatedFen: z.number().int(),
    disbursedFen: z.number().int(),
    toHouseholdsFen: z.number().int(),
    failedFen: z.number().int(),
    households: z.number().int(),
    failedHouseholds: z.number().int(),
  }),
});
export type MoneyTrail = z.infer<typeof moneyTrailSchema>;
