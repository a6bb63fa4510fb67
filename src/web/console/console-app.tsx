import { Container } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';

import { ErrorAlert } from '../ui/error-alert.js';
import { PageLoader } from '../ui/page-loader.js';
import { ConsoleLayout } from './components/console-layout.js';
import { useAdminSession } from './hooks/use-admin-session.js';
import { ConsumerActionPage } from './pages/ConsumerAction/index.js';
import { ConsumerRecordPage } from './pages/ConsumerRecord/index.js';
import { EventLogPage } from './pages/EventLog/index.js';
import { SettingsPage } from './pages/Settings/index.js';
import { SignInPage } from './pages/SignIn/index.js';
import { UsersPage } from './pages/Users/index.js';

/** The administrators' console under /admin: its sign-in page until a session exists. */
export default function ConsoleApp() {
  const session = useAdminSession();

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) return <SignInPage />;

  return (
    <ConsoleLayout admin={session.data}>
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/:consumerId" element={<ConsumerRecordPage />} />
        <Route path="users/:consumerId/:action" element={<ConsumerActionPage />} />
        <Route path="events" element={<EventLogPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<Navigate to="/admin/users" replace />} />
      </Routes>
    </ConsoleLayout>
  );
}
