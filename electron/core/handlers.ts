import type { ChannelName } from '../../shared/contract';
import { auditHandlers } from './features/audit/handlers';
import { householdsHandlers } from './features/households/handlers';
import { incomeHandlers } from './features/income/handlers';
import { measuresHandlers } from './features/measures/handlers';
import { monitoringHandlers } from './features/monitoring/handlers';
import { settingsHandlers } from './features/settings/handlers';
import { thresholdsHandlers } from './features/thresholds/handlers';
import { usersHandlers } from './features/users/handlers';
import { visitsHandlers } from './features/visits/handlers';
import { jobsHandlers } from './features/jobs/handlers';
import { noticesHandlers } from './features/notices/handlers';
import { printHandlers } from './features/print/handlers';
import { formsHandlers } from './features/forms/handlers';
import { filesHandlers } from './features/files/handlers';
import { backupsHandlers } from './features/backups/handlers';
import { postsHandlers } from './features/posts/handlers';
import { paymentsHandlers } from './features/payments/handlers';
import { employmentHandlers } from './features/employment/handlers';
import { fundsHandlers } from './features/funds/handlers';
import { loansHandlers } from './features/loans/handlers';
import { reportsHandlers } from './features/reports/handlers';
import { searchHandlers } from './features/search/handlers';
import { pendingHandlers } from './features/pending/handlers';
import { workshopsHandlers } from './features/workshops/handlers';
import { subsidiesHandlers } from './features/subsidies/handlers';
import { assetsHandlers } from './features/assets/handlers';
import { helpHandlers } from './features/help/handlers';
import type { Handler } from './handler';

/** Every contract channel → its handler. Both hosts (Electron IPC, browser host) call this map. */
export const handlers = {
  ...settingsHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...householdsHandlers,
  ...thresholdsHandlers,
  ...incomeHandlers,
  ...monitoringHandlers,
  ...measuresHandlers,
  ...visitsHandlers,
  ...jobsHandlers,
  ...noticesHandlers,
  ...printHandlers,
  ...formsHandlers,
  ...filesHandlers,
  ...backupsHandlers,
  ...postsHandlers,
  ...paymentsHandlers,
  ...employmentHandlers,
  ...fundsHandlers,
  ...loansHandlers,
  ...reportsHandlers,
  ...searchHandlers,
  ...pendingHandlers,
  ...workshopsHandlers,
  ...subsidiesHandlers,
  ...assetsHandlers,
  ...helpHandlers,
} satisfies { [C in ChannelName]: Handler<C> };
