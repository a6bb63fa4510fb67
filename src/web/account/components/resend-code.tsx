import { Button, Stack, Text } from '@mantine/core';
import { useId } from 'react';

import { formatCountdown } from '../lib/codes.js';

interface ResendCodeProps {
  secondsLeft: number;
  pending: boolean;
  onResend: () => void;
}

/** "Send a new code", held back while the server's cooldown runs, with the time left shown. */
export function ResendCode({ secondsLeft, pending, onResend }: ResendCodeProps) {
  const hintId = useId();
  const waiting = secondsLeft > 0;

  return (
    <Stack gap={6} align="center">
      <Text id={hintId} size="sm" c="gray.7" ta="center">
        {waiting
          ? `You can ask for a new code in ${formatCountdown(secondsLeft)}.`
          : 'No email? Check your spam folder, or ask for a new code.'}
      </Text>
      <Button
        variant="default"
        onClick={onResend}
        disabled={waiting}
        loading={pending}
        aria-describedby={hintId}
      >
        Send a new code
      </Button>
    </Stack>
  );
}
