import type { SheetKind } from '../../../../../../shared/domain/importFields';
import type { SheetRecords } from '../types';
import type { Collector, CollectorContext } from '../collect';
import { householdsCollector } from './households/collect';
import { incomesCollector } from './incomes/collect';
import { casesCollector } from './cases/collect';
import { measuresCollector } from './measures/collect';
import { visitsCollector } from './visits/collect';
import { loansCollector } from './loans/collect';

// Which collector reads the rows of each kind of sheet, and what a sheet of that kind with no rows holds.

export function emptyRecords(kind: SheetKind): SheetRecords {
  switch (kind) {
    case 'households':
    case 'incomes':
    case 'cases':
    case 'measures':
    case 'visits':
    case 'loans':
      return { kind, records: [] } as SheetRecords;
  }
}

export function collectorFor(kind: SheetKind, ctx: CollectorContext): Collector {
  switch (kind) {
    case 'households':
      return householdsCollector(ctx);
    case 'incomes':
      return incomesCollector(ctx);
    case 'cases':
      return casesCollector(ctx);
    case 'measures':
      return measuresCollector(ctx);
    case 'visits':
      return visitsCollector(ctx);
    case 'loans':
      return loansCollector(ctx);
  }
}
