import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 月报 (issue 14 item 2): what was reported for a month, exactly as reported — the figures as
// canonical JSON with their SHA-256, who filled it in and when — so a reprint after later changes
// is the same paper. A month may be reported again (a correction); every copy is kept.
// Also the workbench's signature to-dos: ink signatures still waiting for their scanned page are
// counted from a partial index, not by reading every signature.
export const monthlyReports: Migration = {
  name: '0024_monthly_reports',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE monthly_reports (
      ${rowMetaColumns()},
      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
      figures_json TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      filled_by_name TEXT NOT NULL,
      made_at TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_monthly_reports_month ON monthly_reports (month, made_at) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_signatures_awaiting_scan ON signatures (form_kind) WHERE method = 'ink' AND scan_file IS NULL AND superseded_by IS NULL AND deleted_at IS NULL`.execute(db);
  },
};
