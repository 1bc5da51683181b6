// Import presets and backups.

import type { Generated } from 'kysely';
import type { RowMeta, Versioned } from './base';

/** A named column mapping; versioned (0018) because two clerks may save one name at once. */
export interface ImportPresetTable extends RowMeta, Versioned {
  kind: string;
  name: string;
  /** JSON object: header text → field name. */
  mapping_json: string;
  /** JSON object: a national export's place key → the office's village or group id (0026). */
  places_json: Generated<string>;
}

export interface BackupRunTable extends RowMeta {
  kind: 'auto' | 'manual' | 'pre-restore';
  file: string;
  size_bytes: number;
  sha256: string;
  encrypted: number;
  finished_at: string;
}

/** The recipient of encrypted automatic backups (JSON of AutoBackupRecipient); at most one not deleted. */
export interface BackupKeyTable extends RowMeta {
  recipient_json: string;
}
