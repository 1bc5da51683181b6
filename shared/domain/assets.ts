// 项目资产 (EMPLOYMENT-FUNDS §2.6, issue 13 item 5): classes, owners, statuses, events and the
// steps of a yearly 产业收益分配 plan (S4 篇一.7).

export const assetClasses = ['operating', 'public', 'household'] as const;
export type AssetClass = (typeof assetClasses)[number];
export const assetClassLabels: Readonly<Record<AssetClass, string>> = { operating: '经营性', public: '公益性', household: '到户类' };

export const ownerLevels = ['county', 'township', 'village', 'household'] as const;
export type OwnerLevel = (typeof ownerLevels)[number];
export const ownerLevelLabels: Readonly<Record<OwnerLevel, string>> = { county: '县级', township: '乡镇', village: '村级', household: '农户' };

export const assetStatuses = ['inUse', 'idle', 'disposed'] as const;
export type AssetStatus = (typeof assetStatuses)[number];
export const assetStatusLabels: Readonly<Record<AssetStatus, string>> = { inUse: '在用', idle: '闲置', disposed: '已处置' };

export const assetEventKinds = ['income', 'upkeep', 'disposal'] as const;
export type AssetEventKind = (typeof assetEventKinds)[number];
export const assetEventKindLabels: Readonly<Record<AssetEventKind, string>> = { income: '年度收益', upkeep: '管护支出', disposal: '处置' };

/** The plan's steps in order; each is recorded once, in this order. */
export const planSteps = ['villageDraft', 'representatives', 'townshipFiling', 'villageNotice'] as const;
export type PlanStep = (typeof planSteps)[number];
export const planStepLabels: Readonly<Record<PlanStep, string>> = {
  villageDraft: '村集体制定',
  representatives: '村民代表讨论',
  townshipFiling: '乡镇审核备案',
  villageNotice: '村内公示',
};

export const planStatuses = ['draft', ...planSteps, 'paying'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planStatusLabels: Readonly<Record<PlanStatus, string>> = {
  draft: '待制定',
  villageDraft: '已制定',
  representatives: '已讨论',
  townshipFiling: '已备案',
  villageNotice: '已公示',
  paying: '已生成发放清册',
};

/** The step that may follow a plan's status, or null when none may. */
export function nextPlanStep(status: PlanStatus): PlanStep | null {
  if (status === 'draft') return 'villageDraft';
  const i = (planSteps as readonly string[]).indexOf(status);
  return i < 0 ? null : (planSteps[i + 1] ?? null);
}

/** Whether the money a plan shares out stays within what the asset earned that year. */
export function planTotalProblem(planFen: number, incomeFen: number, year: number): string | null {
  if (planFen <= incomeFen) return null;
  const y = (f: number) => (f / 100).toFixed(2);
  return `分配总额 ${y(planFen)} 元超过该资产 ${year} 年登记的收益 ${y(incomeFen)} 元；请先登记当年收益，或减少分配金额`;
}

/** Σ value by source must equal the recorded value, to the fen. */
export function valueSourcesProblem(valueFen: number, sources: readonly { amountFen: number }[]): string | null {
  const sum = sources.reduce((s, x) => s + x.amountFen, 0);
  if (sum === valueFen) return null;
  return `各资金来源合计 ${(sum / 100).toFixed(2)} 元，与资产原值 ${(valueFen / 100).toFixed(2)} 元不符；请核对各来源金额`;
}
