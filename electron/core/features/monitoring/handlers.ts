import type { FeatureHandlers } from '../../handler';

export const monitoringHandlers = {} satisfies FeatureHandlers<'monitoring'>;
