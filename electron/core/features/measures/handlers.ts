import type { FeatureHandlers } from '../../handler';

export const measuresHandlers = {} satisfies FeatureHandlers<'measures'>;
