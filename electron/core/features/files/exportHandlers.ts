import type { Handler } from '../../handler';
import type { ExportChannel } from './channels';

export const exportHandlers: { [C in ExportChannel]: Handler<C> } = {};
