import type { FeatureHandlers } from '../../handler';

export const noticesHandlers: FeatureHandlers<'notices'> = {};
