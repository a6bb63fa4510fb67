import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { adminSessionKey } from '../../lib/query-client.js';
import { fetchAdminSession, signInAdmin, signOutAdmin } from '../lib/admin-api.js';

export function useAdminSession() {
  return useQuery({ queryKey: adminSessionKey, queryFn: fetchAdminSession, staleTime: 60_000 });
}

export function useSignInAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInAdmin,
    onSuccess: (admin) => {
      queryClient.removeQueries({ queryKey: ['admin'] });
      queryClient.setQueryData(adminSessionKey, admin);
    },
  });
}

export function useSignOutAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutAdmin,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['admin'] });
      queryClient.setQueryData(adminSessionKey, null);
    },
  });
}
