import type { FeatureHandlers } from '../../handler';

export const printHandlers: FeatureHandlers<'print'> = {};
