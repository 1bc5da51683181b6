import { z } from 'zod';
import catalogJson from '../../../../resources/post-catalog.json';

// Post types, categories, funding channels, payment purposes, leave reasons and banks ship as data
// (resources/post-catalog.json): counties name them differently, so they are not code.

const catalogFileSchema = z.object({
  version: z.number().int(),
  postTypes: z.array(z.string().min(1)).min(1),
  categories: z.array(z.string().min(1)).min(1),
  fundings: z.array(z.string().min(1)).min(1),
  purposes: z.array(z.string().min(1)).min(1),
  leaveReasons: z.array(z.string().min(1)).min(1),
  banks: z.array(z.string().min(1)).min(1),
});
export type PostCatalog = Omit<z.infer<typeof catalogFileSchema>, 'version'>;

let cached: PostCatalog | null = null;
export function postCatalog(): PostCatalog {
  if (!cached) {
    const { version: _v, ...rest } = catalogFileSchema.parse(catalogJson);
    void _v;
    cached = rest;
  }
  return cached;
}

/** The purpose a month's attendance is paid under. */
export const welfarePostPurpose = '公益岗补贴';
