// The vocabulary of the 防返贫动态监测 ledger (DOMAIN.md §6–10): code names in code, Chinese in
// the UI. The lists are closed sets the contract validates against; the measure catalog, which
// offices extend, lives as data in resources/ instead.

export const monitoringCategories = ['unstableExited', 'marginal', 'suddenHardship'] as const;
export type MonitoringCategory = (typeof monitoringCategories)[number];
export const monitoringCategoryLabels: Readonly<Record<MonitoringCategory, string>> = {
  unstableExited: '脱贫不稳定户',
  marginal: '边缘易致贫户',
  suddenHardship: '突发严重困难户',
};

export const riskTypes = [
  'illness',
  'disability',
  'schooling',
  'disaster',
  'accident',
  'businessFailure',
  'unstableJob',
  'lackOfLabor',
  'housing',
  'drinkingWater',
  'other',
] as const;
export type RiskType = (typeof riskTypes)[number];
export const riskTypeLabels: Readonly<Record<RiskType, string>> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因自然灾害',
  accident: '因意外事故',
  businessFailure: '因产业项目失败',
  unstableJob: '因务工就业不稳',
  lackOfLabor: '缺劳动力',
  housing: '住房安全',
  drinkingWater: '饮水安全',
  other: '其他',
};

/** 两不愁三保障及饮水安全: checked at inclusion and at every visit. */
export const guaranteeKeys = ['food', 'clothing', 'education', 'medical', 'housing', 'water'] as const;
export type GuaranteeKey = (typeof guaranteeKeys)[number];
export const guaranteeLabels: Readonly<Record<GuaranteeKey, string>> = {
  food: '不愁吃',
  clothing: '不愁穿',
  education: '义务教育保障',
  medical: '基本医疗保障',
  housing: '住房安全保障',
  water: '饮水安全',
};
export const guaranteeStatuses = ['secure', 'atRisk'] as const;
export type GuaranteeStatus = (typeof guaranteeStatuses)[number];
export const guaranteeStatusLabels: Readonly<Record<GuaranteeStatus, string>> = {
  secure: '有保障',
  atRisk: '有风险',
};
export interface GuaranteeCheck {
  status: GuaranteeStatus;
  note: string | null;
}
export type Guarantees = Record<GuaranteeKey, GuaranteeCheck>;

/** 不予认定情形 (seed 004 parts 8, 12): any hit blocks inclusion unless the village assembly decides otherwise. */
export const negativeListItems = [
  'publicSalary',
  'company',
  'assets',
  'wellOffSupporters',
  'illegal',
  'unwillingToWork',
  'refusedAssetCheck',
  'absentOverYear',
  'villageLeader',
  'privateSchooling',
] as const;
export type NegativeListItem = (typeof negativeListItems)[number];
export const negativeListLabels: Readonly<Record<NegativeListItem, string>> = {
  publicSalary: '家庭成员有财政供养或稳定工资性收入（公职人员等）',
  company: '家庭成员注册有公司等经营实体',
  assets: '拥有商品房、小汽车、大型农机具或大额存款',
  wellOffSupporters: '赡养、抚养、扶养义务人经济条件较好',
  illegal: '有违法违规行为（如骗取救助、赌博吸毒等）',
  unwillingToWork: '有劳动能力但不愿劳动',
  refusedAssetCheck: '拒不配合家庭经济状况核查',
  absentOverYear: '全家外出一年以上、下落不明',
  villageLeader: '家庭成员为村党组织书记或村委会主任',
  privateSchooling: '子女就读高收费民办学校',
};

export const clueSources = ['selfReport', 'cadreVisit', 'departmentAlert', 'other'] as const;
export type ClueSource = (typeof clueSources)[number];
export const clueSourceLabels: Readonly<Record<ClueSource, string>> = {
  selfReport: '农户自主申报',
  cadreVisit: '干部走访排查',
  departmentAlert: '部门筛查预警',
  other: '其他',
};

export const caseStatuses = ['identifying', 'monitoring', 'eliminated', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatusLabels: Readonly<Record<CaseStatus, string>> = {
  identifying: '识别中',
  monitoring: '监测中（风险未消除）',
  eliminated: '风险已消除',
  rejected: '未纳入（驳回）',
};
/** A household has at most one case in these statuses. */
export const openCaseStatuses: readonly CaseStatus[] = ['identifying', 'monitoring'];

export const workflows = ['identification', 'elimination'] as const;
export type Workflow = (typeof workflows)[number];
export const workflowLabels: Readonly<Record<Workflow, string>> = {
  identification: '识别纳入',
  elimination: '风险消除',
};

/** Identification steps in the order DOMAIN §7 requires; 纳入监测 is the county decision's result. */
export const identificationSteps = ['apply', 'homeCheck', 'villageReview', 'notice', 'townshipReview', 'countyDecision'] as const;
/** Elimination mirrors it, starting from the village's nomination (DOMAIN §8). */
export const eliminationSteps = ['nominate', 'homeCheck', 'villageReview', 'notice', 'townshipReview', 'countyDecision'] as const;
export const stepKinds = ['apply', 'nominate', 'homeCheck', 'villageReview', 'notice', 'townshipReview', 'countyDecision'] as const;
export type StepKind = (typeof stepKinds)[number];
export const stepLabels: Readonly<Record<Workflow, Readonly<Partial<Record<StepKind, string>>>>> = {
  identification: {
    apply: '农户申请',
    homeCheck: '入户核实',
    villageReview: '村级评议',
    notice: '村内公示',
    townshipReview: '乡镇审核',
    countyDecision: '县级审定',
  },
  elimination: {
    nominate: '村提名',
    homeCheck: '入户核实',
    villageReview: '村民主评议',
    notice: '村内公示',
    townshipReview: '乡镇审核',
    countyDecision: '县级审定',
  },
};
export function stepsOf(workflow: Workflow): readonly StepKind[] {
  return workflow === 'identification' ? identificationSteps : eliminationSteps;
}
/** Steps only a reviewer or admin may record: "谁签字、谁负责" — a clerk does not approve. */
export const reviewerSteps: readonly StepKind[] = ['townshipReview', 'countyDecision'];

export const stepOutcomes = ['passed', 'rejected'] as const;
export type StepOutcome = (typeof stepOutcomes)[number];
export const stepOutcomeLabels: Readonly<Record<StepOutcome, string>> = {
  passed: '通过',
  rejected: '不通过',
};

export const eliminationMethods = ['assisted', 'natural'] as const;
export type EliminationMethod = (typeof eliminationMethods)[number];
export const eliminationMethodLabels: Readonly<Record<EliminationMethod, string>> = {
  assisted: '帮扶消除',
  natural: '自然消除',
};

/** 减收原因 (seed 004 part 1, the ten causes). */
export const declineCauses = [
  'smallerFarming',
  'lostIndustryDividend',
  'lostSolarDividend',
  'lostJob',
  'lostWelfarePost',
  'lostDibao',
  'lostSubsidy',
  'disaster',
  'weakHelp',
  'other',
] as const;
export type DeclineCause = (typeof declineCauses)[number];
export const declineCauseLabels: Readonly<Record<DeclineCause, string>> = {
  smallerFarming: '种养业规模缩小、价格下行或经营失败',
  lostIndustryDividend: '帮扶产业收益分配减少',
  lostSolarDividend: '光伏收益分配调整',
  lostJob: '未实现务工或工资降低',
  lostWelfarePost: '未参加公益性岗位或帮扶车间务工',
  lostDibao: '低保被取消',
  lostSubsidy: '政策性补贴减少或取消',
  disaster: '种养业遭遇自然灾害',
  weakHelp: '帮扶工作不到位',
  other: '其他原因',
};

export const measureStatuses = ['planned', 'inProgress', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const measureStatusLabels: Readonly<Record<MeasureStatus, string>> = {
  planned: '计划中',
  inProgress: '落实中',
  done: '已落实',
  cancelled: '已取消',
};

export const visitKinds = ['routine', 'return', 'screening', 'evaluation'] as const;
export type VisitKind = (typeof visitKinds)[number];
export const visitKindLabels: Readonly<Record<VisitKind, string>> = {
  routine: '日常走访',
  return: '回访',
  screening: '集中排查',
  evaluation: '帮扶成效评估',
};

/** Why a household is on the visit schedule, which decides how often (DOMAIN §9). */
export const visitCycles = ['openCase', 'eliminated', 'stableExited'] as const;
export type VisitCycle = (typeof visitCycles)[number];
export const visitCycleLabels: Readonly<Record<VisitCycle, string>> = {
  openCase: '监测中',
  eliminated: '风险已消除',
  stableExited: '稳定脱贫户',
};
