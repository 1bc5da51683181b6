import type { FeatureHandlers } from '../../handler';

export const backupsHandlers: FeatureHandlers<'backups'> = {};
