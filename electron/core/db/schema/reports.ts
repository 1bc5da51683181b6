// 月报 (0024_monthly_reports).

import type { RowMeta } from './base';

/** One month's report as it was made: the figures' canonical JSON and its SHA-256. */
export interface MonthlyReportTable extends RowMeta {
  month: string;
  figures_json: string;
  sha256: string;
  filled_by_name: string;
  made_at: string;
}
