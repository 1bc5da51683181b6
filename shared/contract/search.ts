import { z } from 'zod';
import { caseStatuses } from '../domain/monitoring';
import { channel, type ChannelDef } from './channel';

// The one search box (issue 14 #3): households, members and monitoring cases by name, pinyin
// initials or full pinyin, ID number or its last digits, household code, case code or phone.

export const SEARCH_GROUP_LIMIT = 8;

export const searchInputSchema = z.object({
  q: z.string({ error: '请输入要查找的内容' }).trim().min(1, { error: '请输入要查找的内容' }).max(30, { error: '查找内容最多 30 个字' }),
});

export const searchResultSchema = z.object({
  households: z.array(
    z.object({
      id: z.string(),
      householdCode: z.string(),
      headName: z.string(),
      villageName: z.string(),
      groupName: z.string(),
      closed: z.boolean(),
    }),
  ),
  members: z.array(
    z.object({
      id: z.string(),
      householdId: z.string(),
      householdCode: z.string(),
      name: z.string(),
      /** Masked in the middle (the full number is on the household page). */
      idNumberMasked: z.string(),
      villageName: z.string(),
      current: z.boolean(),
    }),
  ),
  cases: z.array(
    z.object({
      id: z.string(),
      caseCode: z.string(),
      headName: z.string(),
      villageName: z.string(),
      status: z.enum(caseStatuses),
    }),
  ),
  /** True when a group had more matches than it shows. */
  more: z.boolean(),
  /**
   * Households whose search keys are still being built after an import (names, ID numbers and
   * household codes find them already; pinyin, the last digits of an ID number and phones not yet).
   */
  keysBehind: z.number().int().nonnegative(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchChannels = {
  'search.query': channel({ access: 'signedIn', mutates: false, input: searchInputSchema, output: searchResultSchema }),
} satisfies Record<string, ChannelDef>;
