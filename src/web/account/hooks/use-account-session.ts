import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConsumerProfile } from '../../../contracts/auth.js';
import { accountSessionKey } from '../../lib/query-client.js';
import {
  changePassword,
  completeTwoStep,
  confirmEmailCheck,
  fetchMe,
  requestEmailCheckCode,
  resendTwoStepCode,
  signIn,
  signOut,
} from '../lib/account-api.js';
import { forgetEmailCheckCode, noteEmailCheckCodeSent } from '../lib/codes.js';

export function useAccountSession() {
  return useQuery({ queryKey: accountSessionKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** Replaces the session and drops data cached for the previous one. */
function useSetSession() {
  const queryClient = useQueryClient();
  return (consumer: ConsumerProfile | null) => {
    queryClient.removeQueries({
      queryKey: ['account'],
      predicate: (query) => query.queryKey[1] !== 'session',
    });
    queryClient.setQueryData(accountSessionKey, consumer);
  };
}

/** The server mails the email-check code with the session that first owes it. */
function noteEmailCheckOwed(consumer: ConsumerProfile) {
  if (consumer.verificationRequired && !consumer.passwordChangeRequired) noteEmailCheckCodeSent();
}

export function useSignIn() {
  const setSession = useSetSession();
  // gcTime 0: the variables hold a password; forget them once nothing watches the mutation.
  return useMutation({
    mutationFn: signIn,
    onSuccess: (result) => {
      if (result.kind !== 'signed-in') return;
      noteEmailCheckOwed(result.consumer);
      setSession(result.consumer);
    },
    gcTime: 0,
  });
}

export function useCompleteTwoStep() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: completeTwoStep, onSuccess: setSession, gcTime: 0 });
}

export function useResendTwoStepCode() {
  return useMutation({ mutationFn: resendTwoStepCode });
}

export function useSignOut() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      forgetEmailCheckCode();
      setSession(null);
    },
  });
}

export function useChangePassword() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (consumer) => {
      noteEmailCheckOwed(consumer);
      setSession(consumer);
    },
    gcTime: 0,
  });
}

export function useRequestEmailCheckCode() {
  return useMutation({ mutationFn: requestEmailCheckCode });
}

export function useConfirmEmailCheck() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: confirmEmailCheck,
    onSuccess: (consumer) => {
      forgetEmailCheckCode();
      setSession(consumer);
      notifications.show({
        color: 'green',
        title: 'Email address confirmed',
        message: 'Thank you. Your account is ready to use.',
      });
    },
    gcTime: 0,
  });
}
