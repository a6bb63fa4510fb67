import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConsumerView } from '../../../contracts/consumers.js';
import { consumerKeys } from '../lib/query-keys.js';
import {
  deleteConsumer,
  listConsumerSessions,
  resetConsumerPassword,
  runConsumerAction,
  setConsumerProjectLimit,
  setConsumerTwoStep,
} from '../lib/security-api.js';
import type { ConsumerAction } from '../lib/security-api.js';

/**
 * The record takes the server's answer; lists and sessions are fetched again. A refusal also
 * refetches the record, since it usually means the page showed an outdated state.
 */
function useConsumerChange<Variables>(
  consumerId: string,
  change: (variables: Variables) => Promise<ConsumerView>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (consumer) => {
      queryClient.setQueryData(consumerKeys.record(consumer.id), consumer);
      void queryClient.invalidateQueries({
        queryKey: consumerKeys.all,
        predicate: (query) => query.queryKey[2] !== 'record',
      });
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: consumerKeys.record(consumerId) });
      void queryClient.invalidateQueries({ queryKey: consumerKeys.sessions(consumerId) });
    },
  });
}

export function useConsumerAction(consumerId: string, action: ConsumerAction) {
  return useConsumerChange(consumerId, () => runConsumerAction(consumerId, action));
}

export function useSetTwoStep(consumerId: string) {
  return useConsumerChange(consumerId, (enabled: boolean) =>
    setConsumerTwoStep(consumerId, enabled),
  );
}

export function useSetProjectLimit(consumerId: string) {
  return useConsumerChange(consumerId, (limit: number) =>
    setConsumerProjectLimit(consumerId, limit),
  );
}

export function useResetPassword(consumerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resetConsumerPassword(consumerId),
    // The result holds the temporary password: keep it no longer than the panel shows it.
    gcTime: 0,
    onSuccess: ({ consumer }) => {
      queryClient.setQueryData(consumerKeys.record(consumer.id), consumer);
      void queryClient.invalidateQueries({ queryKey: consumerKeys.sessions(consumer.id) });
    },
  });
}

export function useConsumerSessions(consumerId: string) {
  return useQuery({
    queryKey: consumerKeys.sessions(consumerId),
    queryFn: () => listConsumerSessions(consumerId),
    staleTime: 0,
  });
}

/** After a deletion nothing cached about the consumer is kept. */
export function useDeleteConsumer(consumerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteConsumer(consumerId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: consumerKeys.record(consumerId) });
      queryClient.removeQueries({ queryKey: consumerKeys.sessions(consumerId) });
      void queryClient.invalidateQueries({ queryKey: consumerKeys.all });
    },
  });
}
