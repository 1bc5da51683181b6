// What other features may use from 小额信贷: the household page's section.
export { HouseholdLoansSection } from './HouseholdLoansSection';
