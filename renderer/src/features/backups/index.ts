// What other features may use from 备份: the backup status card (settings page).
export { BackupStatus } from './BackupStatus';
