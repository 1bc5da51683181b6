import type { FeatureHandlers } from '../../handler';
import { exportHandlers } from './exportHandlers';
import { importHandlers } from './importHandlers';

export const filesHandlers: FeatureHandlers<'files'> = { ...importHandlers, ...exportHandlers };
