import type { z } from 'zod';
import { auditChannels } from './audit';
import type { ChannelDef } from './channel';
import { householdsChannels } from './households';
import { incomeChannels } from './income';
import { measuresChannels } from './measures';
import { monitoringChannels } from './monitoring';
import { settingsChannels } from './settings';
import { thresholdsChannels } from './thresholds';
import { usersChannels } from './users';
import { visitsChannels } from './visits';
import { jobsChannels } from './jobs';
import { noticesChannels } from './notices';
import { printChannels } from './print';
import { formsChannels } from './forms';
import { fileImportChannels } from './fileImport';
import { fileExportChannels } from './fileExport';
import { backupsChannels } from './backups';
import { postsChannels } from './posts';
import { paymentsChannels } from './payments';
import { employmentChannels } from './employment';
import { fundsChannels } from './funds';
import { loansChannels } from './loans';
import { reportsChannels } from './reports';
import { searchChannels } from './search';
import { pendingChannels } from './pending';
import { workshopsChannels } from './workshops';
import { postLedgerChannels } from './postLedger';
import { paymentsLedgerChannels } from './paymentsLedger';
import { subsidiesChannels } from './subsidies';
import { assetsChannels } from './assets';
import { helpChannels } from './help';

/** Every channel the program has, named `feature.verb`. Both hosts serve exactly this map. */
export const channels = {
  ...settingsChannels,
  ...usersChannels,
  ...auditChannels,
  ...householdsChannels,
  ...thresholdsChannels,
  ...incomeChannels,
  ...monitoringChannels,
  ...measuresChannels,
  ...visitsChannels,
  ...jobsChannels,
  ...noticesChannels,
  ...printChannels,
  ...formsChannels,
  ...fileImportChannels,
  ...fileExportChannels,
  ...backupsChannels,
  ...postsChannels,
  ...paymentsChannels,
  ...employmentChannels,
  ...fundsChannels,
  ...loansChannels,
  ...reportsChannels,
  ...searchChannels,
  ...pendingChannels,
  ...workshopsChannels,
  ...postLedgerChannels,
  ...paymentsLedgerChannels,
  ...subsidiesChannels,
  ...assetsChannels,
  ...helpChannels,
} satisfies Record<string, ChannelDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What the caller sends (defaults still optional). */
export type InputOf<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What the handler receives after parsing. */
export type ParsedInputOf<C extends ChannelName> = z.output<Channels[C]['input']>;
export type OutputOf<C extends ChannelName> = z.output<Channels[C]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export { roles, roleLabels, mayCall } from './channel';
export type { Role, Access, ChannelDef } from './channel';
