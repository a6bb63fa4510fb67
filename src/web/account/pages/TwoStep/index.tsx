import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

import { CodeEntry } from '../../components/code-entry.js';
import { useCompleteTwoStep, useResendTwoStepCode } from '../../hooks/use-account-session.js';
import { isCodeRefusal, signInCodeRules } from '../../lib/codes.js';

interface TwoStepPageProps {
  /** The address the code went to, partly hidden by the server. */
  sentTo: string;
  sentAt: number;
  /** Back to the sign-in form, e.g. to use another account or start again. */
  onRestart: () => void;
}

/** A resend is refused as "invalid" once the sign-in attempt itself has run out. */
function attemptExpiredText(error: unknown): string | null {
  return isCodeRefusal(error)
    ? 'This sign-in attempt has timed out. Please go back and sign in again.'
    : null;
}

/** The second step of a sign-in when two-step verification is on. */
export function TwoStepPage({ sentTo, sentAt, onRestart }: TwoStepPageProps) {
  useDocumentTitle('Verification code · Gatehouse');
  const verify = useCompleteTwoStep();
  const resend = useResendTwoStepCode();
  const { digits, lifetimeMinutes } = signInCodeRules;

  return (
    <CodeEntry
      title="Verification code"
      intro={`To finish signing in, enter the code we just emailed to ${sentTo}. It has ${digits} digits and is valid for ${lifetimeMinutes} minutes.`}
      rules={signInCodeRules}
      submitLabel="Verify"
      sentAt={sentAt}
      verify={verify}
      resend={resend}
      resendRefusalText={attemptExpiredText}
      footer={
        <Button variant="subtle" color="gray" onClick={onRestart}>
          Back to sign-in
        </Button>
      }
    />
  );
}
