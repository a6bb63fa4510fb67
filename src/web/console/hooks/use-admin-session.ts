import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Query } from '@tanstack/react-query';

import { adminSessionKey } from '../../lib/query-client.js';
import { fetchAdminSession, signInAdmin, signOutAdmin } from '../lib/admin-api.js';

/** Drops everything cached for the previous admin, keeping the session query its observers watch. */
const isCachedData = (query: Query) => query.queryKey[1] !== 'session';

export function useAdminSession() {
  return useQuery({ queryKey: adminSessionKey, queryFn: fetchAdminSession, staleTime: 60_000 });
}

export function useSignInAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInAdmin,
    // The variables hold the password: forget them as soon as nothing watches the mutation.
    gcTime: 0,
    onSuccess: (admin) => {
      queryClient.removeQueries({ queryKey: ['admin'], predicate: isCachedData });
      queryClient.setQueryData(adminSessionKey, admin);
    },
  });
}

export function useSignOutAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutAdmin,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['admin'], predicate: isCachedData });
      queryClient.setQueryData(adminSessionKey, null);
    },
  });
}
