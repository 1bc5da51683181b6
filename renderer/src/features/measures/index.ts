// What other features may use from 帮扶措施: the case page's plan section.
export { CasePlanSection } from './CasePlanSection';
