import type { FeatureHandlers } from '../../handler';
import { backupStatus, listBackups, restoreBackup, runManualBackup, setAutoEncryption } from './service';

export const backupsHandlers: FeatureHandlers<'backups'> = {
  'backups.status': (_input, ctx) => backupStatus(ctx),
  'backups.list': (_input, ctx) => listBackups(ctx),
  'backups.run': (input, ctx) => runManualBackup(ctx, input),
  'backups.restore': (input, ctx) => restoreBackup(ctx, input),
  'backups.setAutoEncryption': (input, ctx) => setAutoEncryption(ctx, input),
};
