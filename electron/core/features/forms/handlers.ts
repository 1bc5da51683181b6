import type { FeatureHandlers } from '../../handler';

export const formsHandlers: FeatureHandlers<'forms'> = {};
