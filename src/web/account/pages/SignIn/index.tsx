import { useDocumentTitle } from '@mantine/hooks';

import { SignInForm } from '../../../ui/sign-in-form.js';
import { useSignIn } from '../../hooks/use-account-session.js';

export function SignInPage() {
  useDocumentTitle('Sign in · Gatehouse');
  const signIn = useSignIn();

  return (
    <SignInForm
      title="Sign in"
      pending={signIn.isPending}
      error={signIn.error}
      onSubmit={(credentials) => signIn.mutate(credentials)}
    />
  );
}
