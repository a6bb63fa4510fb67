import { useDocumentTitle } from '@mantine/hooks';

import { SignInForm } from '../../../ui/sign-in-form.js';
import { useSignInAdmin } from '../../hooks/use-admin-session.js';

export function SignInPage() {
  useDocumentTitle('Sign in · Gatehouse console');
  const signIn = useSignInAdmin();

  return (
    <SignInForm
      title="Gatehouse console"
      pending={signIn.isPending}
      error={signIn.error}
      onSubmit={(credentials) => signIn.mutate(credentials)}
    />
  );
}
