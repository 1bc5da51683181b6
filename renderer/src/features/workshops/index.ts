export { WorkshopsPage } from './WorkshopsPage';
export { WorkshopPage } from './WorkshopPage';
export { WorkshopLedgerPage } from './WorkshopLedgerPage';
