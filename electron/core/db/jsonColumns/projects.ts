import { z } from 'zod';
import { monthlyFiguresSchema } from '../../../../shared/contract/monthlyReport';
import { jsonColumn } from './codec';

// JSON columns of funds projects (0012_funds), assets (0021_assets), posts (0011_posts_payments)
// and monthly reports (0024_monthly_reports).

const sources = z.array(z.object({ sourceCode: z.string(), amountFen: z.number() }));
const names = z.array(z.string());

export const projectVillageIds = jsonColumn('fund_projects', 'village_ids', '项目的实施村', z.array(z.string()));
/** 0012: DEFAULT '[]' (a project entered without its sources). */
export const projectBudgetSources = jsonColumn('fund_projects', 'budget_sources', '项目的预算资金来源', sources);
export const assetValueSources = jsonColumn('project_assets', 'value_sources', '资产的资金来源', sources);
export const assetPlanStepPeople = jsonColumn('asset_income_plan_steps', 'people', '收益分配步骤的参与人员', names);
export const appointmentStepPeople = jsonColumn('appointment_steps', 'people', '公益岗位聘用步骤的参与人员', names);
/** The figures as made; their canonical JSON is hashed into sha256, so reports/monthly.ts writes them. */
export const monthlyFigures = jsonColumn('monthly_reports', 'figures_json', '月报的存档数据', monthlyFiguresSchema);
