import { z } from 'zod';
import { jsonColumn } from './codec';

// JSON columns of import presets (0005_files, 0026_preset_places) and the backup key (0007).

/** header text → field name, or null for a column the preset ignores. */
export const presetMapping = jsonColumn('import_presets', 'mapping_json', '导入预设的列对应', z.record(z.string(), z.string().nullable()));
/** 0026: DEFAULT '{}'; a national export's place key → village or group id. */
export const presetPlaces = jsonColumn('import_presets', 'places_json', '导入预设的村组对应', z.record(z.string(), z.string()));

/** backups/crypto.ts AutoBackupRecipient: version 1 is the only one ever written. */
export const backupRecipientSchema = z.object({ v: z.literal(1), publicKey: z.string(), salt: z.string(), iv: z.string(), wrappedPrivateKey: z.string() });
export const backupRecipient = jsonColumn('backup_keys', 'recipient_json', '自动备份的加密设置', backupRecipientSchema, {
  advice: '请管理员在“数据备份”页重新设置口令',
});
