// 监测对象 (DOMAIN §7): the service is split by purpose (casePage, lists, opening, editing, steps,
// objections, reopen; shapes and lookups below them). This file keeps the old import path.
export { categorySuggestion } from './lookups';
export { detail, get } from './casePage';
export { forHousehold, list } from './lists';
export { open } from './opening';
export { update } from './editing';
export { recordStep } from './steps';
export { addObjection, resolveObjection } from './objections';
export { reopen } from './reopen';
