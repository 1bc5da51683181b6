// 公益岗位 (EMPLOYMENT-FUNDS): the service is split by purpose: postSetup (catalog, settings, the
// posts), appointments (candidates, the hiring steps, leaving, the 公示 notice) and months (the
// monthly attendance grid and its payment list). This file keeps the old import path.
export { announce, catalog, list, save, saveSettings, settings } from './postSetup';
export { apply, appointments, candidates, leave, printNotice, recordStep } from './appointments';
export { makePaymentList, monthGrid, saveMonth } from './months';
