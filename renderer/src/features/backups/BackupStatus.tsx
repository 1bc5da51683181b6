// Stub: the settings page's backup block (last backup, warning when old), replaced by the backups slice.
export function BackupStatus() {
  return null;
}
