// What other features may use from 走访: the visits sections of the household and case pages.
export { CaseVisitsSection } from './CaseVisitsSection';
export { HouseholdVisitsSection } from './HouseholdVisitsSection';
