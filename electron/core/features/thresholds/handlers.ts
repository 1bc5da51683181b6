import type { FeatureHandlers } from '../../handler';

export const thresholdsHandlers = {} satisfies FeatureHandlers<'thresholds'>;
