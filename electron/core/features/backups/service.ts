// 数据备份: the service is split by purpose: store (where backups live, their log rows, the
// snapshot), auto (the daily backup and its retention), manual (status, encryption, the list, a
// backup on request) and restore. This file keeps the old import path.
export { autoBackupFile, autoBackupRecipient, backupDirs, backupTestHooks, cleanBackupTemp, systemActor } from './store';
export { applyRetention, takeAutoBackupIfDue } from './auto';
export type { AutoBackupDeps } from './auto';
export { backupStatus, listBackups, runManualBackup, setAutoEncryption } from './manual';
export { restoreBackup } from './restore';
export type { RestoreResult } from './restore';
