import { z } from 'zod';

/** A file the clerk picked (staged) or the core produced (outbox), named by an opaque id. */
export const storedFileSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileIdInput = z.string().regex(/^[0-9a-f-]{36}$/, { error: '文件编号无效，请重新选择文件' });
