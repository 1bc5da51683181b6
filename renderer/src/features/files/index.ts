// What other features may use from 导入导出: the button that exports a ledger as it is filtered.
export { ExportButton, type ExportButtonProps } from './export/ExportButton';
