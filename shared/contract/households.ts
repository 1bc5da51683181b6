import { z } from 'zod';
import {
  disabilityCategories,
  disabilityGrades,
  educations,
  ethnicityDefault,
  healths,
  householdKinds,
  householdStatuses,
  labors,
  memberLeaveStatuses,
  memberStatuses,
  nonHeadRelations,
  relations,
  schoolings,
  workStatuses,
} from '../domain/household';
import { parseIdNumber } from '../domain/idNumber';
import { channel } from './channel';
import { idSchema, isoDate, optionalText, paging, phone, reason, requiredText, versionSeen } from './fields';

/**
 * The ID number is checked for shape here (length, check digit, real date); "not in the future"
 * needs today's date, which only the core knows for certain, so the core checks that again.
 */
export const idNumberField = z
  .string({ error: '请填写身份证号' })
  .transform((raw, ctx) => {
    const checked = parseIdNumber(raw, '9999-12-31');
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }
    return checked.value;
  });

export const householdCodeField = z
  .string({ error: '请填写户编号' })
  .trim()
  .regex(/^[0-9A-Za-z-]{4,30}$/, { error: '户编号用 4–30 位数字或字母，例如 3504211010010001' });

const disability = {
  disabilityCategory: z.enum(disabilityCategories).nullable().default(null),
  disabilityGrade: z
    .union(disabilityGrades.map((g) => z.literal(g)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>])
    .nullable()
    .default(null),
};

const memberFields = {
  name: requiredText('姓名', 30),
  idNumber: idNumberField,
  relation: z.enum(relations, { error: '请选择与户主关系' }),
  ethnicity: requiredText('民族', 10).default(ethnicityDefault),
  education: z.enum(educations, { error: '请选择文化程度' }),
  schooling: z.enum(schoolings, { error: '请选择在校状况' }).default('notInSchool'),
  health: z.enum(healths, { error: '请选择健康状况' }).default('healthy'),
  ...disability,
  labor: z.enum(labors, { error: '请选择劳动技能' }),
  workStatus: z.enum(workStatuses, { error: '请选择务工状况' }).default('none'),
  medicalInsurance: z.boolean().default(true),
  pensionInsurance: z.boolean().default(true),
  phone,
};

function checkDisability(
  m: { health?: string; disabilityCategory?: string | null; disabilityGrade?: number | null },
  ctx: z.RefinementCtx,
): void {
  if (m.health === 'disabled' && (m.disabilityCategory == null || m.disabilityGrade == null)) {
    ctx.addIssue({ code: 'custom', path: ['disabilityCategory'], message: '健康状况为残疾时，请填写残疾类别和等级' });
  }
  if (m.health !== undefined && m.health !== 'disabled' && (m.disabilityCategory != null || m.disabilityGrade != null)) {
    ctx.addIssue({ code: 'custom', path: ['health'], message: '填写了残疾类别或等级，健康状况应选"残疾"' });
  }
}

export const memberInputSchema = z.object(memberFields).superRefine(checkDisability);
export type MemberInput = z.input<typeof memberInputSchema>;

/**
 * zod 4 fills defaults in even under `.partial()`, so a patch built straight from the create
 * fields would reset every defaulted field the clerk left out. Patches take the fields without
 * their defaults: a key that is absent stays absent, and the core leaves that column alone.
 */
type WithoutDefaults<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer T> ? T : S[K] };
function withoutDefaults<S extends z.ZodRawShape>(shape: S): WithoutDefaults<S> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as WithoutDefaults<S>;
}

/** Partial edits of one member; `idNumber` re-derives sex and birth date. */
export const memberPatchSchema = z.object(withoutDefaults(memberFields)).partial().superRefine(checkDisability);

const householdFields = {
  householdCode: householdCodeField,
  villageId: idSchema,
  groupId: idSchema,
  address: optionalText('住址', 100),
  phone,
  kind: z.enum(householdKinds, { error: '请选择户类型' }),
  dibao: z.boolean().default(false),
  tekun: z.boolean().default(false),
  relocated: z.boolean().default(false),
  helperName: optionalText('帮扶责任人', 20),
  helperPhone: phone,
};

export const householdCreateSchema = z
  .object({ ...householdFields, members: z.array(memberInputSchema).min(1, { error: '请至少录入户主' }).max(30) })
  .superRefine((h, ctx) => {
    const heads = h.members.filter((m) => m.relation === 'head').length;
    if (heads !== 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: heads === 0 ? '请指定一名户主（与户主关系选"户主"）' : '一户只能有一名户主' });
    }
    const seen = new Map<string, number>();
    h.members.forEach((m, i) => {
      const first = seen.get(m.idNumber);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: `与第 ${first + 1} 位成员的身份证号重复` });
      } else seen.set(m.idNumber, i);
    });
  });

export const householdPatchSchema = z.object(withoutDefaults(householdFields)).partial();

export const memberSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  relation: z.enum(relations),
  ethnicity: z.string(),
  education: z.enum(educations),
  schooling: z.enum(schoolings),
  health: z.enum(healths),
  disabilityCategory: z.enum(disabilityCategories).nullable(),
  disabilityGrade: z.number().int().nullable(),
  labor: z.enum(labors),
  workStatus: z.enum(workStatuses),
  medicalInsurance: z.boolean(),
  pensionInsurance: z.boolean(),
  phone: z.string().nullable(),
  status: z.enum(memberStatuses),
  leftDate: z.string().nullable(),
  leftReason: z.string().nullable(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const householdRowSchema = z.object({
  id: z.string(),
  householdCode: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  headName: z.string(),
  headIdNumber: z.string(),
  memberCount: z.number().int(),
  kind: z.enum(householdKinds),
  dibao: z.boolean(),
  tekun: z.boolean(),
  relocated: z.boolean(),
  noLabor: z.boolean(),
  helperName: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(householdStatuses),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type HouseholdRow = z.infer<typeof householdRowSchema>;

export const householdDetailSchema = householdRowSchema.extend({
  address: z.string().nullable(),
  helperPhone: z.string().nullable(),
  closedDate: z.string().nullable(),
  closeReason: z.string().nullable(),
  createdAt: z.string(),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

export const householdSortColumns = [
  'householdCode',
  'villageName',
  'groupName',
  'headName',
  'headIdNumber',
  'memberCount',
  'kind',
  'helperName',
  'phone',
  'status',
  'updatedAt',
] as const;
export type HouseholdSortColumn = (typeof householdSortColumns)[number];

export const householdListInputSchema = z.object({
  villageId: z.string().optional(),
  groupId: z.string().optional(),
  kind: z.enum(householdKinds).optional(),
  /** Every listed flag must hold. */
  flags: z.array(z.enum(['dibao', 'tekun', 'relocated', 'noLabor'])).default([]),
  status: z.enum(['active', 'closed', 'all']).default('active'),
  /** Only households with an open 待补充 item, their own or a member's (the 待补充 page's list). */
  pending: z.boolean().optional(),
  /** Prefix of a member's name, of a member's ID number, or of the household code. */
  search: z.string().trim().max(30).default(''),
  sort: z
    .object({ column: z.enum(householdSortColumns), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'householdCode', direction: 'asc' }),
  ...paging,
});
export type HouseholdListInput = z.input<typeof householdListInputSchema>;

const holderSchema = z.object({ householdId: z.string(), householdCode: z.string(), memberId: z.string(), memberName: z.string() });

export const householdsChannels = {
  'households.list': channel({
    access: 'signedIn',
    mutates: false,
    input: householdListInputSchema,
    output: z.object({ total: z.number().int(), rows: z.array(householdRowSchema) }),
  }),
  'households.get': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ id: idSchema }),
    output: z.object({ household: householdDetailSchema, members: z.array(memberSchema) }),
  }),
  /** Instant feedback while typing: who already holds this ID number (living, on the register). */
  'households.checkId': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ idNumber: z.string().max(30), excludeMemberId: z.string().optional() }),
    output: z.object({ holder: holderSchema.nullable() }),
  }),
  'households.create': channel({
    access: 'signedIn',
    mutates: true,
    input: householdCreateSchema,
    output: z.object({ id: z.string() }),
  }),
  'households.update': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, version: versionSeen, patch: householdPatchSchema }),
    output: householdDetailSchema,
  }),
  /**
   * Households are never deleted: closing keeps them, with the date and the reason. Members still
   * on the register leave with it (so their ID numbers are free for another household); reopening
   * brings back exactly those members.
   */
  'households.close': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      id: idSchema,
      date: isoDate,
      reason,
      /** How the members still on the register leave with the household (required if there are any). */
      membersLeaveAs: z.enum(memberLeaveStatuses, { error: '请选择在册成员的减员类型' }).optional(),
    }),
    output: householdDetailSchema,
  }),
  'households.reopen': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, reason }),
    output: householdDetailSchema,
  }),
  'households.addMember': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ householdId: idSchema, member: memberInputSchema }),
    output: memberSchema,
  }),
  'households.updateMember': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, version: versionSeen, patch: memberPatchSchema }),
    output: memberSchema,
  }),
  /**
   * 户主变更 while the head stays in the household (an elderly father hands over to his son): the
   * new head takes relation 户主 and the former head gets the relation the clerk gives.
   */
  'households.changeHead': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      householdId: idSchema,
      newHeadId: idSchema,
      formerHeadRelation: z.enum(nonHeadRelations, { error: '请选择原户主与新户主的关系' }),
      /** The other members' relations to the new head, as the clerk confirmed them (shared/domain/headChange offers them). */
      otherRelations: z
        .array(z.object({ memberId: idSchema, relation: z.enum(nonHeadRelations, { error: '请选择该成员与新户主的关系' }) }))
        .max(100)
        .default([]),
    }),
    output: householdDetailSchema,
  }),
  /** A member leaves by death, moving out or other reduction; the head's leaving names a new head. */
  'households.memberLeave': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      id: idSchema,
      status: z.enum(memberLeaveStatuses, { error: '请选择减员类型' }),
      date: isoDate,
      reason,
      newHeadId: z.string().optional(),
    }),
    output: memberSchema,
  }),
};
