import type { FeatureHandlers } from '../../handler';

export const incomeHandlers = {} satisfies FeatureHandlers<'income'>;
