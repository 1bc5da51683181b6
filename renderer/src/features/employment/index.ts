// What other features may use from 就业: the household page's 务工记录 section and the income form's hints.
export { HouseholdEmploymentSection } from './HouseholdEmploymentSection';
export { WageSuggestion } from './WageSuggestion';
export { DeclineCauseHint } from './DeclineCauseHint';
