import { Container } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';

import { ErrorAlert } from '../ui/error-alert.js';
import { PageLoader } from '../ui/page-loader.js';
import { useAccountSession } from './hooks/use-account-session.js';
import { ChangePasswordPage } from './pages/ChangePassword/index.js';
import { EmailCheckPage } from './pages/EmailCheck/index.js';
import { HomePage } from './pages/Home/index.js';
import { SignInPage } from './pages/SignIn/index.js';

/**
 * The consumers' account app. A restricted session shows one page on every route until it is
 * done: first the new password (after a temporary one), then the email check (a New or restored
 * account); the server refuses everything else meanwhile.
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
  if (session.data.verificationRequired) return <EmailCheckPage consumer={session.data} />;

  return (
    <Routes>
      <Route index element={<HomePage consumer={session.data} />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
