import type { FeatureHandlers } from '../../handler';

export const visitsHandlers = {} satisfies FeatureHandlers<'visits'>;
