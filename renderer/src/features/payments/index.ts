// What other features may use from 发放清册: the pages (routes) and the account dialog.
export { PaymentsPage } from './PaymentsPage';
export { PaymentListPage } from './PaymentListPage';
export { PaymentLinesLedgerPage } from './PaymentLinesLedgerPage';
export { AccountModal } from './AccountModal';
export { HouseholdMoneySection } from './HouseholdMoneySection';
export { PaidIncomeHint } from './PaidIncomeHint';
