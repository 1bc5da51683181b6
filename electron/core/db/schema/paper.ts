// Printed documents, signatures and print settings (0004_paper).

import type { RowMeta, Versioned } from './base';

/** One document of one print job (see 0004_paper). */
export interface PrintedDocumentTable extends RowMeta {
  batch_id: string;
  kind: string;
  title: string;
  record_ref: string;
  record_code: string;
  content_hash: string;
  content_code: string;
  data_json: string;
  printed_by_name: string;
  printed_at: string;
  output: 'print' | 'pdf' | 'preview';
}

export interface SignatureTable extends RowMeta {
  form_kind: string;
  record_id: string;
  block: string;
  role_label: string;
  signer_name: string;
  method: 'screen' | 'ink';
  image_png: string | null;
  scan_file: string | null;
  scan_sha256: string | null;
  scan_attached_at: string | null;
  signed_on: string;
  signed_at: string;
  content_hash: string;
  superseded_by: string | null;
  superseded_reason: string | null;
  /** How content_hash was computed (forms/signedScope.ts): 1 before material fields, 2 since. */
  scope_version: number;
  /** The form's data as signed (version 2 on), to name informational changes since. */
  signed_data_json: string | null;
}

export interface PrintSettingsTable extends RowMeta, Versioned {
  /** JSON array of column keys. */
  notice_columns: string;
  objection_place: string | null;
  objection_note: string | null;
  notice_phone: string | null;
}
