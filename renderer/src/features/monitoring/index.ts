// What other features may use from 监测对象: the household page's cases section.
export { HouseholdCasesSection } from './HouseholdCasesSection';
