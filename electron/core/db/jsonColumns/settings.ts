import { z } from 'zod';
import { householdKinds } from '../../../../shared/domain/household';
import { jsonColumn } from './codec';

// JSON columns of the yearly settings of employment (0010_employment) and funds (0012_funds).

export const surveyKinds = jsonColumn('employment_settings', 'survey_kinds', '就业设置的摸排户类', z.array(z.enum(householdKinds)));
export const transportTiers = jsonColumn(
  'employment_settings',
  'transport_tiers',
  '就业设置的交通补助标准',
  z.object({ outOfProvince: z.number(), inProvince: z.number(), inCounty: z.number() }),
);
export const workshopTiers = jsonColumn('employment_settings', 'workshop_tiers', '就业设置的帮扶车间奖补档次', z.array(z.object({ minPeople: z.number(), rewardFen: z.number() })));
export const fundMilestones = jsonColumn('fund_settings', 'milestones', '资金设置的支出进度节点', z.array(z.object({ date: z.string(), percent: z.number() })));
