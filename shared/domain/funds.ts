// Funds and projects (DOMAIN §12, EMPLOYMENT-FUNDS §2): the names the program and the paper use.
// The source catalog itself is data (table fund_sources); these are the fixed vocabularies.

export const fundLevels = ['central', 'province', 'city', 'county', 'township', 'village', 'other'] as const;
export type FundLevel = (typeof fundLevels)[number];
export const fundLevelLabels: Readonly<Record<FundLevel, string>> = {
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇',
  village: '村级',
  other: '其他',
};

export const projectTypes = ['industry', 'employment', 'infrastructure', 'publicService', 'other'] as const;
export type ProjectType = (typeof projectTypes)[number];
export const projectTypeLabels: Readonly<Record<ProjectType, string>> = {
  industry: '产业发展',
  employment: '就业项目',
  infrastructure: '乡村建设（基础设施）',
  publicService: '公共服务',
  other: '其他',
};

/** The library's main line, in order (EMPLOYMENT-FUNDS §2.2). */
export const projectSteps = [
  'villageApply',
  'villageNotice',
  'townshipReview',
  'townshipNotice',
  'countyApprove',
  'libraryNotice',
  'annualPlan',
  'implement',
  'complete',
  'accept',
  'fundsDone',
  'assetTransfer',
  'selfEvaluation',
] as const;
export type ProjectStep = (typeof projectSteps)[number];
/** Side exits: 滚动至下年 keeps the project in the library for next year's plan; 出库 ends it. */
export const projectExits = ['rollOver', 'exit'] as const;
export type ProjectExit = (typeof projectExits)[number];
export type ProjectStepKind = ProjectStep | ProjectExit;
export const projectStepKinds: readonly ProjectStepKind[] = [...projectSteps, ...projectExits];

export const projectStepLabels: Readonly<Record<ProjectStepKind, string>> = {
  villageApply: '村申报',
  villageNotice: '村公示',
  townshipReview: '乡镇审核',
  townshipNotice: '乡公示',
  countyApprove: '县审定',
  libraryNotice: '入库公告',
  annualPlan: '列入年度计划',
  implement: '实施',
  complete: '完工',
  accept: '验收',
  fundsDone: '资金拨付完毕',
  assetTransfer: '资产移交',
  selfEvaluation: '绩效自评',
  rollOver: '滚动至下年',
  exit: '出库',
};

/** Steps that are a public notice: they carry a period whose length the settings bound. */
export const noticeSteps = ['villageNotice', 'townshipNotice', 'libraryNotice'] as const satisfies readonly ProjectStep[];
export type NoticeStep = (typeof noticeSteps)[number];
export function isNoticeStep(s: string): s is NoticeStep {
  return (noticeSteps as readonly string[]).includes(s);
}

export const projectStatuses = ['draft', 'inLibrary', 'finished', 'exited', 'rejected'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const projectStatusLabels: Readonly<Record<ProjectStatus, string>> = {
  draft: '申报中',
  inLibrary: '在库',
  finished: '已完结',
  exited: '已出库',
  rejected: '未通过',
};

export const stepOutcomes = ['passed', 'rejected'] as const;
export type StepOutcome = (typeof stepOutcomes)[number];
export const stepOutcomeLabels: Readonly<Record<StepOutcome, string>> = { passed: '通过', rejected: '不通过' };

export const payeeKinds = ['contractor', 'supplier', 'cooperative', 'villageCollective', 'household', 'other'] as const;
export type PayeeKind = (typeof payeeKinds)[number];
export const payeeKindLabels: Readonly<Record<PayeeKind, string>> = {
  contractor: '施工单位',
  supplier: '供货单位',
  cooperative: '合作社 / 经营主体',
  villageCollective: '村集体',
  household: '农户',
  other: '其他',
};

export const disbursementStages = ['advance', 'progress', 'completion', 'final', 'warranty'] as const;
export type DisbursementStage = (typeof disbursementStages)[number];
export const disbursementStageLabels: Readonly<Record<DisbursementStage, string>> = {
  advance: '预付款',
  progress: '进度款',
  completion: '完工款',
  final: '结算款',
  warranty: '质保金',
};

/** A point of the yearly spending schedule: by `date` (MM-DD) at least `percent` % disbursed. */
export interface Milestone {
  date: string;
  percent: number;
}

/** One year's funds settings (admin-editable; a year without a row uses the latest earlier one). */
export interface FundSettings {
  year: number;
  villageNoticeDays: number;
  townshipNoticeDays: number;
  libraryNoticeDays: number;
  /** Days after a notice ends within which the next review must be recorded. */
  reviewDeadlineDays: number;
  milestones: Milestone[];
  /** The county's closing day of the year's books; after it the year refuses entries. */
  closeDate: string | null;
}

/**
 * Values offered until an admin saves a year: notices of 10 days at village and township and
 * for the library (public county rules of 2021–2023), the common milestones of 50 % by 30 June,
 * 75 % by 30 September, 100 % by 31 December; no closing day.
 */
export function suggestedFundSettings(year: number): FundSettings {
  return {
    year,
    villageNoticeDays: 10,
    townshipNoticeDays: 10,
    libraryNoticeDays: 10,
    reviewDeadlineDays: 15,
    milestones: [
      { date: '06-30', percent: 50 },
      { date: '09-30', percent: 75 },
      { date: '12-31', percent: 100 },
    ],
    closeDate: null,
  };
}

/** The settings in force for `year`: that year's row, else the latest earlier one re-dated, else the suggestion. */
export function fundSettingsFor(saved: readonly FundSettings[], year: number): FundSettings & { source: 'saved' | 'default' } {
  const exact = saved.find((s) => s.year === year);
  if (exact) return { ...exact, source: 'saved' };
  const earlier = saved.filter((s) => s.year < year).sort((a, b) => b.year - a.year)[0];
  // A closing day belongs to its own year only.
  if (earlier) return { ...earlier, year, closeDate: null, source: 'saved' };
  return { ...suggestedFundSettings(year), source: 'default' };
}

/** 分 → "1,234.56" 元 text for tables. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${thousands(Math.floor(a / 100))}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * `n.toLocaleString('en-US')` for a whole number ("1,234,567"), written out by hand: the locale
 * formatter cost each print of a 500-household 资金流向表 ~0.5 ms. Numbers beyond the safe integers
 * (never fen from the database) still go through the formatter.
 */
function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}
