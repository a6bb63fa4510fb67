import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConsumerProfile } from '../../../contracts/auth.js';
import { accountSessionKey } from '../../lib/query-client.js';
import { changePassword, fetchMe, signIn, signOut } from '../lib/account-api.js';

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

export function useSignIn() {
  const setSession = useSetSession();
  // gcTime 0: the variables hold a password; forget them once nothing watches the mutation.
  return useMutation({ mutationFn: signIn, onSuccess: setSession, gcTime: 0 });
}

export function useSignOut() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: signOut, onSuccess: () => setSession(null) });
}

export function useChangePassword() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: changePassword, onSuccess: setSession, gcTime: 0 });
}
