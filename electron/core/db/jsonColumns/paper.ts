import { z } from 'zod';
import { jsonColumn } from './codec';

// JSON columns of printed paper and signatures (0004_paper, 0009_signature_scope). The printed
// data and the signed data are written as canonical JSON by print/render.ts and forms/service.ts
// (their hash must not move), so only their reading goes through here.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

export const printedDataColumn = jsonColumn('printed_documents', 'data_json', '打印记录的存档数据', jsonValue);
/** Nullable: signatures before scope version 2 kept no data (the caller reads null itself). */
export const signedData = jsonColumn('signatures', 'signed_data_json', '签字时的表单数据', jsonValue);
/** 0004: DEFAULT '[]'; column keys, filtered to the known ones by effectiveNoticeColumns. */
export const noticeColumns = jsonColumn('print_settings', 'notice_columns', '公示设置的栏目', z.array(z.string()));
