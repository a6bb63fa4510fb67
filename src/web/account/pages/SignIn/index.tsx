import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';

import { SignInForm } from '../../../ui/sign-in-form.js';
import { useSignIn } from '../../hooks/use-account-session.js';
import { accountErrorText } from '../../lib/account-errors.js';
import { TwoStepPage } from '../TwoStep/index.js';

interface PendingSecondStep {
  sentTo: string;
  sentAt: number;
}

export function SignInPage() {
  useDocumentTitle('Sign in · Gatehouse');
  const signIn = useSignIn();
  const [secondStep, setSecondStep] = useState<PendingSecondStep | null>(null);

  if (secondStep) {
    const restart = () => {
      signIn.reset();
      setSecondStep(null);
    };
    return (
      <TwoStepPage sentTo={secondStep.sentTo} sentAt={secondStep.sentAt} onRestart={restart} />
    );
  }

  return (
    <SignInForm
      title="Sign in"
      pending={signIn.isPending}
      error={signIn.error}
      errorText={accountErrorText}
      onSubmit={(credentials) =>
        signIn.mutate(credentials, {
          onSuccess: (result) => {
            if (result.kind === 'two-step') {
              setSecondStep({ sentTo: result.sentTo, sentAt: Date.now() });
            }
          },
        })
      }
    />
  );
}
