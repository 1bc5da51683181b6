import { z } from 'zod';
import { auditChangeSchema } from '../../../../shared/contract/audit';
import { jsonColumn } from './codec';

// JSON columns of the office tables (0001_foundation).

/** Every row since 0001: the fields a mutation changed, as auditWriter.diffFields lists them. */
export const auditChanges = jsonColumn('audit_log', 'changes', '操作日志的修改内容', z.array(auditChangeSchema));
