import { Button, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

import type { ConsumerProfile } from '../../../../contracts/auth.js';
import { errorMessage } from '../../../lib/api-client.js';
import { CodeEntry } from '../../components/code-entry.js';
import {
  useConfirmEmailCheck,
  useRequestEmailCheckCode,
  useSignOut,
} from '../../hooks/use-account-session.js';
import { digitCodePhrase, emailCheckCodeRules, lastEmailCheckCodeSentAt } from '../../lib/codes.js';

/**
 * Shown on every route while the account owes its email check: a New account, or one an
 * administrator restored. Only this check, the password change and signing out work meanwhile.
 */
export function EmailCheckPage({ consumer }: { consumer: ConsumerProfile }) {
  useDocumentTitle('Check your email · Gatehouse');
  const confirm = useConfirmEmailCheck();
  const resend = useRequestEmailCheckCode();
  const signOut = useSignOut();
  const { digits, lifetimeMinutes } = emailCheckCodeRules;

  return (
    <CodeEntry
      title="Check your email"
      intro={
        <>
          Before you continue, please confirm your email address. We sent {digitCodePhrase(digits)}{' '}
          to{' '}
          <Text span fw={600} inherit>
            {consumer.email}
          </Text>
          ; it is valid for {lifetimeMinutes} minutes.
        </>
      }
      rules={emailCheckCodeRules}
      submitLabel="Confirm email address"
      sentAt={lastEmailCheckCodeSentAt()}
      verify={confirm}
      resend={resend}
      footer={
        <>
          {signOut.isError ? (
            <Text c="red" size="sm" role="alert" ta="center">
              {errorMessage(signOut.error)}
            </Text>
          ) : null}
          <Button
            variant="subtle"
            color="gray"
            onClick={() => signOut.mutate()}
            loading={signOut.isPending}
          >
            Sign out
          </Button>
        </>
      }
    />
  );
}
