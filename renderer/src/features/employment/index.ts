// What other features may use from 就业: the household page's 务工记录 section, the income form's hints, and 结束务工 (帮扶车间's roster).
export { HouseholdEmploymentSection } from './HouseholdEmploymentSection';
export { WageSuggestion } from './WageSuggestion';
export { DeclineCauseHint } from './DeclineCauseHint';
export { EndSpellDialog } from './EndSpellDialog';
