import type { JsonColumn } from './codec';
import { backupRecipient, presetMapping, presetPlaces } from './files';
import {
  caseGuarantees,
  measureRisks,
  measureTypeRisks,
  stepDetailsColumn,
  stepPeople,
  thresholdHolidays,
  thresholdMakeupWorkdays,
  visitGuarantees,
  visitVisitors,
} from './monitoring';
import { auditChanges } from './office';
import { noticeColumns, printedDataColumn, signedData } from './paper';
import { appointmentStepPeople, assetPlanStepPeople, assetValueSources, monthlyFigures, projectBudgetSources, projectVillageIds } from './projects';
import { fundMilestones, surveyKinds, transportTiers, workshopTiers } from './settings';

// Every JSON-bearing column of the schema, with its codec. A feature reads and writes such a
// column only through these (tests/unit/jsonColumns.test.ts fails on a JSON.parse elsewhere, and
// tests/integration/jsonColumns.test.ts on a column documented as JSON that is missing here).

export * from './codec';
export * from './files';
export * from './monitoring';
export * from './office';
export * from './paper';
export * from './projects';
export * from './settings';

export const jsonColumns: readonly JsonColumn<unknown, never>[] = [
  auditChanges,
  thresholdHolidays,
  thresholdMakeupWorkdays,
  caseGuarantees,
  stepPeople,
  stepDetailsColumn,
  visitVisitors,
  visitGuarantees,
  measureTypeRisks,
  measureRisks,
  printedDataColumn,
  signedData,
  noticeColumns,
  presetMapping,
  presetPlaces,
  backupRecipient,
  surveyKinds,
  transportTiers,
  workshopTiers,
  fundMilestones,
  projectVillageIds,
  projectBudgetSources,
  assetValueSources,
  assetPlanStepPeople,
  appointmentStepPeople,
  monthlyFigures,
];
