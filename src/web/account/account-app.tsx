import { Container } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';

import { ErrorAlert } from '../ui/error-alert.js';
import { PageLoader } from '../ui/page-loader.js';
import { useAccountSession } from './hooks/use-account-session.js';
import { ChangePasswordPage } from './pages/ChangePassword/index.js';
import { HomePage } from './pages/Home/index.js';
import { SignInPage } from './pages/SignIn/index.js';

/**
 * The consumers' account app. A session opened with a temporary password may only choose a new
 * one, so every route shows that page until it is done.
 */
export default function AccountApp() {
  const session = useAccountSession();

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) return <SignInPage />;
  if (session.data.passwordChangeRequired) return <ChangePasswordPage />;

  return (
    <Routes>
      <Route index element={<HomePage consumer={session.data} />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
