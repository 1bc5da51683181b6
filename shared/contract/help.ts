import { z } from 'zod';
import { sheetKinds } from '../domain/importFields';
import { channel, type ChannelDef } from './channel';
import { storedFileSchema } from './fileRefs';

// 帮助 (issue 15 item 10): the import templates and 关于. What the help page says about statuses,
// workflows and import columns it reads from shared/domain and thresholds.list; only what the
// renderer cannot know by itself (a written file, the program's version and data folder) is here.

export const helpChannels = {
  /** Writes the blank template of an import kind into the outbox, to be saved like an export. */
  'help.importTemplate': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ kind: z.enum(sheetKinds, { error: '请选择导入类型' }) }),
    output: storedFileSchema,
  }),
  /** 关于: the program's version and where its data lives. */
  'help.about': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({ version: z.string(), dataDir: z.string() }),
  }),
} satisfies Record<string, ChannelDef>;
