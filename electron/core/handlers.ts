import type { ChannelName } from '../../shared/contract';
import { auditHandlers } from './features/audit/handlers';
import { householdsHandlers } from './features/households/handlers';
import { settingsHandlers } from './features/settings/handlers';
import { usersHandlers } from './features/users/handlers';
import type { Handler } from './handler';

/** Every contract channel → its handler. Both hosts (Electron IPC, browser host) call this map. */
export const handlers = {
  ...settingsHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...householdsHandlers,
} satisfies { [C in ChannelName]: Handler<C> };
