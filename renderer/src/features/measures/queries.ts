import type { QueryClient } from '@tanstack/react-query';
import { measureFamilies, measureFamilyLabels, type MeasureFamily, type MeasureType } from '../../../../shared/contract/measures';
import { apiQuery, invalidateChannels } from '../../api/queries';

export const catalogQuery = apiQuery('measures.catalog', {});

export function casePlanQuery(caseId: string) {
  return apiQuery('measures.forCase', { caseId });
}

/** After a measure changes: the plan, and the case pages and ledger that show coverage and plan deadlines. */
export function refreshAfterMeasure(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'measures.forCase', 'monitoring.get', 'monitoring.list', 'monitoring.forHousehold', 'forms.status');
}

/** After the catalog changes: the catalog, and the plans that show type names. */
export function refreshAfterCatalog(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'measures.catalog', 'measures.forCase');
}

/** The catalog's types grouped by family, in family order then the catalog's order. */
export function byFamily(types: readonly MeasureType[]): { family: MeasureFamily; label: string; types: MeasureType[] }[] {
  return measureFamilies
    .map((family) => ({
      family,
      label: measureFamilyLabels[family],
      types: types.filter((t) => t.family === family).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
    }))
    .filter((g) => g.types.length > 0);
}
