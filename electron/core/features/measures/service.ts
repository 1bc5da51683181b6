// 帮扶措施 (DOMAIN §10): the catalog and each case's plan. Every open risk needs a matching
// measure (coverage, shown per risk); measures move 计划中 → 落实中 → 已落实 or are cancelled with
// a reason; a plan is only changed while the case is 识别中 or 监测中.
//
// Split by purpose: catalogEdit (the office's catalog), plan (a case's measures), rules and shapes
// below them. This file keeps the old import path.
export { toMeasure, toMeasureType } from './shapes';
export { catalog, saveType } from './catalogEdit';
export { create, forCase, update } from './plan';
