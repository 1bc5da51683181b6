// What other features may use from 收入: the household page's income section.
export { HouseholdIncomeSection } from './HouseholdIncomeSection';
