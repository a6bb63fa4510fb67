import {
  Alert,
  Button,
  Container,
  Divider,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';

import type { ConsumerProfile } from '../../../contracts/auth.js';
import { useCountdown } from '../hooks/use-countdown.js';
import { accountErrorText } from '../lib/account-errors.js';
import {
  checkCodeInput,
  codeRefusalMessage,
  isCodeRefusal,
  resendCooldownSeconds,
  resendWaitNotice,
  retryAfterSecondsOf,
} from '../lib/codes.js';
import type { CodeRules } from '../lib/codes.js';
import { ResendCode } from './resend-code.js';

interface CodeEntryProps {
  title: string;
  intro: ReactNode;
  rules: CodeRules;
  submitLabel: string;
  /** When the current code was sent, if known: starts the resend countdown, dates its expiry. */
  sentAt: number | null;
  verify: UseMutationResult<ConsumerProfile, Error, string>;
  resend: UseMutationResult<{ sentTo: string }, Error, void>;
  /** Wording for a refused resend that this page understands better than the generic text. */
  resendRefusalText?: (error: unknown) => string | null;
  footer: ReactNode;
}

/** One emailed code to type in, with its resend button; shared by the sign-in and email checks. */
export function CodeEntry(props: CodeEntryProps) {
  const { rules, verify, resend } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [wrongTries, setWrongTries] = useState(0);
  const [codeSentAt, setCodeSentAt] = useState(props.sentAt);
  const countdown = useCountdown(
    props.sentAt === null ? null : props.sentAt + resendCooldownSeconds * 1000,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCodeInput(code, rules.digits);
    // Focus returns to the field so a screen reader reads its error with it.
    const refuse = (message: string) => {
      setFieldError(message);
      inputRef.current?.focus();
    };
    if (!checked.ok) return refuse(checked.message);
    setFormError(null);
    verify.mutate(checked.code, {
      onError: (error) => {
        if (!isCodeRefusal(error)) return setFormError(accountErrorText(error));
        const tries = wrongTries + 1;
        setWrongTries(tries);
        const context = { wrongTries: tries, rules, sentAt: codeSentAt, now: Date.now() };
        refuse(codeRefusalMessage(context));
      },
    });
  };

  const sendNewCode = () => {
    setNotice(null);
    setFormError(null);
    resend.mutate(undefined, {
      onSuccess: ({ sentTo }) => {
        setCodeSentAt(Date.now());
        setWrongTries(0);
        setCode('');
        setFieldError(null);
        countdown.restart(resendCooldownSeconds);
        setNotice(`A new code is on its way to ${sentTo}. Only the newest code works.`);
      },
      onError: (error) => {
        const wait = retryAfterSecondsOf(error);
        if (wait !== null) {
          countdown.restart(wait);
          setNotice(resendWaitNotice(error));
          return;
        }
        setFormError(props.resendRefusalText?.(error) ?? accountErrorText(error));
      },
    });
  };

  return (
    <Container size={460} py={80}>
      <Title order={1} ta="center" mb="xs">
        {props.title}
      </Title>
      {/* Instructions, not decoration: full-contrast text. */}
      <Text ta="center" mb="lg">
        {props.intro}
      </Text>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <Stack>
          {formError ? (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          ) : null}
          {notice ? (
            <Alert color="blue" role="status">
              {notice}
            </Alert>
          ) : null}
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput
                ref={inputRef}
                label="Verification code"
                description={`${rules.digits} digits, from the email`}
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
                value={code}
                onChange={(event) => {
                  setCode(event.currentTarget.value);
                  setFieldError(null);
                }}
                error={fieldError}
                required
                styles={{
                  input: { letterSpacing: '0.2em', fontSize: 'var(--mantine-font-size-lg)' },
                }}
              />
              <Button type="submit" loading={verify.isPending} fullWidth>
                {props.submitLabel}
              </Button>
            </Stack>
          </form>
          <Divider />
          <ResendCode
            secondsLeft={countdown.secondsLeft}
            pending={resend.isPending}
            onResend={sendNewCode}
          />
          {props.footer}
        </Stack>
      </Paper>
    </Container>
  );
}
