import { foundation } from './0001_foundation';
import { monitoring } from './0002_monitoring';
import { visitsIndexes } from './0003_visits_indexes';
import { paper } from './0004_paper';
import { files } from './0005_files';
import { versions } from './0006_versions';
import { autoBackupKey } from './0007_auto_backup_key';
import { loginFailures } from './0008_login_failures';
import { signatureScope } from './0009_signature_scope';
import { employment } from './0010_employment';
import { postsPayments } from './0011_posts_payments';
import { funds } from './0012_funds';
import { nationalImport } from './0013_national_import';
import { searchReports } from './0014_search_reports';
import { moreVersions } from './0016_more_versions';
import { mustChangePassword } from './0017_must_change_password';
import { presetVersions } from './0018_preset_versions';
import { workshops } from './0019_workshops';
import { subsidies } from './0020_subsidies';
import { assets } from './0021_assets';
import { hotPaths } from './0022_hot_paths';
import { loans } from './0023_loans';
import { monthlyReports } from './0024_monthly_reports';
import { nationalJobs } from './0025_national_jobs';
import { presetPlaces } from './0026_preset_places';
import { fundProjectTotals } from './0027_fund_project_totals';
import { paperPaths } from './0028_paper_paths';
import { paymentLineNames } from './0029_payment_line_names';
import { searchKeysSlim } from './0031_search_keys_slim';
import { loanEventSums } from './0032_loan_event_sums';
import type { Migration } from './types';

/** Static and ordered: a migration is appended, never edited or reordered once released. */
export const migrations: readonly Migration[] = [
  foundation,
  monitoring,
  visitsIndexes,
  paper,
  files,
  versions,
  autoBackupKey,
  loginFailures,
  signatureScope,
  employment,
  postsPayments,
  funds,
  nationalImport,
  searchReports,
  moreVersions,
  mustChangePassword,
  presetVersions,
  workshops,
  subsidies,
  assets,
  hotPaths,
  loans,
  monthlyReports,
  nationalJobs,
  presetPlaces,
  fundProjectTotals,
  paperPaths,
  paymentLineNames,
  searchKeysSlim,
  loanEventSums,
];
