import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// Paper that leaves the office (DOMAIN §13): every print is logged with the SHA-256 of the data it
// showed, so a paper copy's short code leads back to its record and tells whether the record still
// matches; signatures are kept per form block with the hash of the form's content at signing, so an
// edit after signing shows the signature as 已失效 instead of letting it silently cover new data.
// A signature row is never overwritten: re-signing supersedes it and keeps the old row.
export const paper: Migration = {
  name: '0004_paper',
  async up(db: Kysely<unknown>) {
    const meta = rowMetaColumns;

    // record_ref is what the document builder needs to rebuild the same document later (a case or
    // visit id; for a notice, the notice steps it listed). data_json is the exact data hashed.
    await sql`CREATE TABLE printed_documents (
      ${meta()},
      batch_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      record_ref TEXT NOT NULL,
      record_code TEXT NOT NULL,
      content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
      content_code TEXT NOT NULL,
      data_json TEXT NOT NULL,
      printed_by_name TEXT NOT NULL,
      printed_at TEXT NOT NULL,
      output TEXT NOT NULL CHECK (output IN ('print', 'pdf', 'preview'))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_printed_documents_code ON printed_documents (content_code)`.execute(db);
    await sql`CREATE INDEX ix_printed_documents_ref ON printed_documents (kind, record_ref)`.execute(db);

    // method: 'screen' (image_png holds the drawn signature as a data URL) or 'ink' (signed on
    // paper; scan_file/scan_sha256 are filled when the signed page is attached).
    await sql`CREATE TABLE signatures (
      ${meta()},
      form_kind TEXT NOT NULL,
      record_id TEXT NOT NULL,
      block TEXT NOT NULL,
      role_label TEXT NOT NULL,
      signer_name TEXT NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('screen', 'ink')),
      image_png TEXT,
      scan_file TEXT,
      scan_sha256 TEXT,
      scan_attached_at TEXT,
      signed_on TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
      superseded_by TEXT REFERENCES signatures(id),
      superseded_reason TEXT,
      CHECK (method <> 'screen' OR image_png IS NOT NULL)
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_signatures_record ON signatures (record_id, form_kind)`.execute(db);

    // Per-office choices for public notices: the columns shown and where/how to object.
    await sql`CREATE TABLE print_settings (
      ${meta()},
      notice_columns TEXT NOT NULL DEFAULT '[]',
      objection_place TEXT,
      objection_note TEXT,
      notice_phone TEXT
    ) STRICT`.execute(db);
  },
};
