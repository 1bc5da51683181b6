import { Alert, Anchor } from '@mantine/core';
import { Link, Navigate, Route, Routes } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { HouseholdPage } from '../features/households/HouseholdPage';
import { HouseholdsPage } from '../features/households/HouseholdsPage';
import { NewHouseholdPage } from '../features/households/NewHouseholdPage';
import { IncomeSummaryPage } from '../features/income/IncomeSummaryPage';
import { MeasureCatalogPage } from '../features/measures/MeasureCatalogPage';
import { CasePage } from '../features/monitoring/CasePage';
import { MonitoringLedgerPage } from '../features/monitoring/MonitoringLedgerPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ThresholdsPage } from '../features/thresholds/ThresholdsPage';
import { UsersPage } from '../features/users/UsersPage';
import { DuePage } from '../features/visits/DuePage';
import { NoticesPage } from '../features/notices/NoticesPage';
import { VerifyPage } from '../features/print/VerifyPage';
import { FormsBatchPage } from '../features/forms/FormsBatchPage';
import { SignatureTodosPage } from '../features/forms/SignatureTodosPage';
import { ImportPage } from '../features/files/import/ImportPage';
import { ExportPage } from '../features/files/export/ExportPage';
import { SubmissionPage } from '../features/files/export/SubmissionPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { AttendancePage, PostsPage } from '../features/posts';
import { PaymentLinesLedgerPage, PaymentListPage, PaymentsPage } from '../features/payments';
import { EmploymentSettingsPage } from '../features/employment/EmploymentSettingsPage';
import { MigrantLedgerPage } from '../features/employment/MigrantLedgerPage';
import { SurveyRoundPage } from '../features/employment/SurveyRoundPage';
import { SurveyRoundsPage } from '../features/employment/SurveyRoundsPage';
import { PostLedgerPage } from '../features/posts/PostLedgerPage';
import { WorkshopLedgerPage, WorkshopPage, WorkshopsPage } from '../features/workshops';
import { FundsLedgerPage } from '../features/funds/FundsLedgerPage';
import { ProjectsPage } from '../features/funds/ProjectsPage';
import { ProjectPage } from '../features/funds/ProjectPage';
import { ProjectTrailPage } from '../features/funds/ProjectTrailPage';
import { FundSettingsPage } from '../features/funds/FundSettingsPage';
import { LoansLedgerPage } from '../features/loans/LoansLedgerPage';
import { LoanSettingsPage } from '../features/loans/LoanSettingsPage';
import { AssetPage, AssetsPage } from '../features/assets';
import { WorkbenchPage } from '../features/reports/WorkbenchPage';
import { MonthlyReportPage } from '../features/reports/monthly/MonthlyReportPage';
import { PendingPage } from '../features/pending/PendingPage';
import { SubsidiesPage } from '../features/subsidies';
import { HelpPage } from '../features/help';
import { Layout } from './Layout';
import { adminRoles, auditRoles } from './nav';
import { RequireRole } from './RequireRole';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/workbench" replace />} />
        <Route path="workbench" element={<WorkbenchPage />} />
        <Route path="reports/monthly" element={<MonthlyReportPage />} />
        <Route path="households" element={<HouseholdsPage />} />
        <Route path="households/new" element={<NewHouseholdPage />} />
        <Route path="households/:id" element={<HouseholdPage />} />
        <Route path="monitoring" element={<MonitoringLedgerPage />} />
        <Route path="monitoring/:id" element={<CasePage />} />
        <Route path="due" element={<DuePage />} />
        <Route path="income" element={<IncomeSummaryPage />} />
        <Route path="measure-catalog" element={<MeasureCatalogPage />} />
        <Route path="pending" element={<PendingPage />} />
        <Route path="notices" element={<NoticesPage />} />
        <Route path="forms" element={<FormsBatchPage />} />
        <Route path="forms/signatures" element={<SignatureTodosPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="export" element={<ExportPage />} />
        <Route path="submission" element={<SubmissionPage />} />
        <Route path="posts" element={<PostsPage />} />
        <Route path="posts/attendance" element={<AttendancePage />} />
        <Route path="payments" element={<PaymentsPage />} />
        <Route path="payments/:id" element={<PaymentListPage />} />
        <Route path="payments/roster" element={<PaymentLinesLedgerPage />} />
        <Route path="employment/survey" element={<SurveyRoundsPage />} />
        <Route path="employment/survey/:roundId" element={<SurveyRoundPage />} />
        <Route path="employment/migrants" element={<MigrantLedgerPage />} />
        <Route path="posts/ledger" element={<PostLedgerPage />} />
        <Route path="workshops" element={<WorkshopsPage />} />
        <Route path="workshops/ledger" element={<WorkshopLedgerPage />} />
        <Route path="workshops/:id" element={<WorkshopPage />} />
        <Route path="subsidies" element={<SubsidiesPage />} />
        <Route
          path="employment/settings"
          element={
            <RequireRole roles={adminRoles}>
              <EmploymentSettingsPage />
            </RequireRole>
          }
        />
        <Route path="funds" element={<FundsLedgerPage />} />
        <Route path="funds/projects" element={<ProjectsPage />} />
        <Route path="funds/loans" element={<LoansLedgerPage />} />
        <Route path="funds/projects/:id" element={<ProjectPage />} />
        <Route path="funds/projects/:id/trail" element={<ProjectTrailPage />} />
        <Route path="assets" element={<AssetsPage />} />
        <Route path="assets/:id" element={<AssetPage />} />
        <Route
          path="funds/settings"
          element={
            <RequireRole roles={adminRoles}>
              <FundSettingsPage />
            </RequireRole>
          }
        />
        <Route
          path="funds/loans/settings"
          element={
            <RequireRole roles={adminRoles}>
              <LoanSettingsPage />
            </RequireRole>
          }
        />
        <Route
          path="backups"
          element={
            <RequireRole roles={adminRoles}>
              <BackupsPage />
            </RequireRole>
          }
        />
        <Route
          path="thresholds"
          element={
            <RequireRole roles={adminRoles}>
              <ThresholdsPage />
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole roles={auditRoles}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route
          path="users"
          element={
            <RequireRole roles={adminRoles}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="settings"
          element={
            <RequireRole roles={adminRoles}>
              <SettingsPage />
            </RequireRole>
          }
        />
        <Route path="help" element={<HelpPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <Alert color="gray" variant="light" title="页面不存在" maw={560}>
      没有这个页面。请从左侧选择，或{' '}
      <Anchor component={Link} to="/workbench">
        回到工作台
      </Anchor>
      。
    </Alert>
  );
}
