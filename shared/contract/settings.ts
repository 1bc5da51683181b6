import { z } from 'zod';
import { channel } from './channel';
import { countyCode, idSchema, phone, reason, requiredText, townshipCode, villageCode, username, password, versionSeen } from './fields';

export const officeSchema = z.object({
  countyName: z.string(),
  countyCode: z.string(),
  townshipName: z.string(),
  townshipCode: z.string(),
  phone: z.string().nullable(),
  idleMinutes: z.number().int(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
});
export type Office = z.infer<typeof officeSchema>;

/** The office fields an admin edits, as a refused (stale) save names them. */
export const officeEditFieldLabels = {
  countyName: '县（市、区）名称',
  townshipName: '乡镇名称',
  phone: '联系电话',
  idleMinutes: '自动锁定时间（分钟）',
} as const;

export const groupSchema = z.object({ id: z.string(), name: z.string() });
export const villageSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  groups: z.array(groupSchema),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
});
export type Village = z.infer<typeof villageSchema>;

const groupName = requiredText('村民小组名称', 20);
const villageInput = z.object({
  name: requiredText('村名', 30),
  code: villageCode,
  groups: z.array(groupName).min(1, { error: '每个村至少要有一个村民小组' }),
});

export const idleMinutes = z
  .number({ error: '请填写自动锁定时间' })
  .int({ error: '自动锁定时间请填整数分钟' })
  .min(1, { error: '自动锁定时间至少 1 分钟' })
  .max(240, { error: '自动锁定时间最多 240 分钟' });

export const settingsChannels = {
  'settings.status': channel({
    access: 'public',
    mutates: false,
    input: z.object({}),
    // today: the office's calendar day by the core's clock, so the UI's defaults and days-left agree with the rules.
    output: z.object({ configured: z.boolean(), office: officeSchema.nullable(), today: z.string() }),
  }),
  /** First run only: the office, its villages and groups, and the first administrator. */
  'settings.setup': channel({
    access: 'public',
    mutates: true,
    // Its own transaction: the office's first backup, taken right after, must copy the committed setup
    // (and before setup there is no office for the audit writer).
    ownTransaction: true,
    input: z
      .object({
        countyName: requiredText('县（市、区）名称', 30),
        countyCode,
        townshipName: requiredText('乡镇名称', 30),
        townshipCode,
        phone,
        villages: z.array(villageInput).min(1, { error: '请至少填写一个村' }),
        admin: z.object({ username, displayName: requiredText('管理员姓名', 20), password }),
      })
      .superRefine((v, ctx) => {
        if (!v.townshipCode.startsWith(v.countyCode)) {
          ctx.addIssue({ code: 'custom', path: ['townshipCode'], message: '乡镇代码的前 6 位应与县代码相同' });
        }
        const seen = new Set<string>();
        v.villages.forEach((village, i) => {
          if (!village.code.startsWith(v.townshipCode)) {
            ctx.addIssue({ code: 'custom', path: ['villages', i, 'code'], message: '村代码的前 9 位应与乡镇代码相同' });
          }
          if (seen.has(village.code)) {
            ctx.addIssue({ code: 'custom', path: ['villages', i, 'code'], message: '村代码重复了，请检查' });
          }
          seen.add(village.code);
        });
      }),
    output: z.object({}),
  }),
  'settings.office': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({ office: officeSchema, villages: z.array(villageSchema) }),
  }),
  'settings.updateOffice': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({
      countyName: requiredText('县（市、区）名称', 30),
      townshipName: requiredText('乡镇名称', 30),
      phone,
      idleMinutes,
      version: versionSeen,
    }),
    output: officeSchema,
  }),
  /** Adds a village, or renames one and adds/renames its groups (groups are never removed). */
  'settings.saveVillage': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({
      id: idSchema.optional(),
      version: versionSeen,
      name: requiredText('村名', 30),
      code: villageCode,
      groups: z
        .array(z.object({ id: idSchema.optional(), name: groupName }))
        .min(1, { error: '每个村至少要有一个村民小组' }),
    }),
    output: villageSchema,
  }),
  'settings.removeVillage': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({ id: idSchema, reason }),
    output: z.object({}),
  }),
};
