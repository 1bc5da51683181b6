import { Alert, Anchor } from '@mantine/core';
import { Link, Navigate, Route, Routes } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { HouseholdPage } from '../features/households/HouseholdPage';
import { HouseholdsPage } from '../features/households/HouseholdsPage';
import { NewHouseholdPage } from '../features/households/NewHouseholdPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { Layout } from './Layout';
import { adminRoles, auditRoles } from './nav';
import { RequireRole } from './RequireRole';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/households" replace />} />
        <Route path="households" element={<HouseholdsPage />} />
        <Route path="households/new" element={<NewHouseholdPage />} />
        <Route path="households/:id" element={<HouseholdPage />} />
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <Alert color="gray" variant="light" title="页面不存在" maw={560}>
      没有这个页面。请从左侧选择，或{' '}
      <Anchor component={Link} to="/households">
        回到户籍台账
      </Anchor>
      。
    </Alert>
  );
}
