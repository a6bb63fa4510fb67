import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type {
  ConsumerFilter,
  ConsumerView,
  UpdateCoordinatesBody,
  UpdateIdentityBody,
} from '../../../contracts/consumers.js';
import {
  countConsumers,
  currentVersionOf,
  createConsumer,
  getConsumer,
  listConsumers,
  searchConsumers,
  updateCoordinates,
  updateIdentity,
} from '../lib/admin-api.js';
import { consumerKeys } from '../lib/query-keys.js';

export function useConsumerList(filter: ConsumerFilter, cursor: string | null) {
  return useQuery({
    queryKey: consumerKeys.list(filter, cursor),
    queryFn: () => listConsumers(filter, cursor),
    placeholderData: keepPreviousData,
  });
}

export function useConsumerCounts() {
  return useQuery({ queryKey: consumerKeys.counts, queryFn: countConsumers });
}

export function useConsumerSearch(q: string, cursor: string | null) {
  return useQuery({
    queryKey: consumerKeys.search(q, cursor),
    queryFn: () => searchConsumers(q, cursor),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

export function useConsumer(consumerId: string) {
  return useQuery({
    queryKey: consumerKeys.record(consumerId),
    queryFn: () => getConsumer(consumerId),
  });
}

export function useCreateConsumer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConsumer,
    // The result holds the temporary password: keep it no longer than the panel shows it.
    gcTime: 0,
    onSuccess: ({ consumer }) => {
      void queryClient.invalidateQueries({ queryKey: consumerKeys.all });
      queryClient.setQueryData(consumerKeys.record(consumer.id), consumer);
    },
  });
}

/**
 * After an edit the record takes the server's answer and lists are fetched again. After a 412 it
 * takes the current version carried by the error, so the next save is made against that one.
 */
function useSaveConsumer<Body>(
  save: (consumer: ConsumerView, body: Body) => Promise<ConsumerView>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consumer, body }: { consumer: ConsumerView; body: Body }) =>
      save(consumer, body),
    onSuccess: (consumer) => {
      queryClient.setQueryData(consumerKeys.record(consumer.id), consumer);
      void queryClient.invalidateQueries({
        queryKey: consumerKeys.all,
        predicate: (query) => query.queryKey[2] !== 'record',
      });
    },
    onError: (error, { consumer }) => {
      const current = currentVersionOf(error);
      if (current) queryClient.setQueryData(consumerKeys.record(current.id), current);
      else void queryClient.invalidateQueries({ queryKey: consumerKeys.record(consumer.id) });
    },
  });
}

export function useUpdateIdentity() {
  return useSaveConsumer<UpdateIdentityBody>(updateIdentity);
}

export function useUpdateCoordinates() {
  return useSaveConsumer<UpdateCoordinatesBody>(updateCoordinates);
}
