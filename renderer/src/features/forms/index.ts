// What other features may use from 表单: the case page's forms section.
export { CaseFormsSection } from './CaseFormsSection';
