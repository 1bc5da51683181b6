import type { Handler } from '../../handler';
import type { ImportChannel } from './channels';

export const importHandlers: { [C in ImportChannel]: Handler<C> } = {};
