import { Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Navigate, useNavigate, useParams } from 'react-router';

import type { ConsumerView } from '../../../../contracts/consumers.js';
import { ErrorAlert } from '../../../ui/error-alert.js';
import { PageLoader } from '../../../ui/page-loader.js';
import { useConsumerAction, useDeleteConsumer } from '../../hooks/use-account-security.js';
import { useConsumer } from '../../hooks/use-consumers.js';
import { actionErrorMessage } from '../../lib/action-messages.js';
import type { UsersNoticeState } from '../Users/components/users-notice.js';
import { ConfirmationLayout } from './components/confirmation-layout.js';
import { actionDefinitions, isConfirmedAction } from './components/what-happens.js';

const recordPathOf = (consumerId: string, tab?: string) =>
  `/admin/users/${consumerId}${tab ? `?tab=${tab}` : ''}`;

interface ConfirmationProps {
  consumer: ConsumerView;
}

function StateChangeConfirmation({
  consumer,
  action,
}: ConfirmationProps & { action: 'suspend' | 'restore' | 'force-activation' }) {
  const definition = actionDefinitions[action];
  const run = useConsumerAction(consumer.id, action);
  const navigate = useNavigate();
  const recordPath = recordPathOf(consumer.id, action === 'force-activation' ? 'security' : '');

  const confirm = () =>
    run.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: definition.done });
        void navigate(recordPath);
      },
    });

  return (
    <ConfirmationLayout
      consumer={consumer}
      definition={definition}
      recordPath={recordPath}
      error={run.isError ? actionErrorMessage(run.error) : null}
      pending={run.isPending}
      onConfirm={confirm}
    />
  );
}

function DeleteConfirmation({ consumer }: ConfirmationProps) {
  const definition = actionDefinitions.delete;
  const remove = useDeleteConsumer(consumer.id);
  const navigate = useNavigate();

  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        const state: UsersNoticeState = { notice: definition.done };
        void navigate('/admin/users', { state });
      },
    });

  return (
    <ConfirmationLayout
      consumer={consumer}
      definition={definition}
      recordPath={recordPathOf(consumer.id, 'security')}
      error={remove.isError ? actionErrorMessage(remove.error) : null}
      pending={remove.isPending || remove.isSuccess}
      onConfirm={confirm}
    />
  );
}

/** The confirmation page of Suspend, Restore, Force activation or Delete. */
export function ConsumerActionPage() {
  const { consumerId = '', action } = useParams();
  const record = useConsumer(consumerId);
  const title = isConfirmedAction(action) ? actionDefinitions[action].title : 'Gatehouse';
  useDocumentTitle(`${title} · Gatehouse console`);

  if (!isConfirmedAction(action)) return <Navigate to={recordPathOf(consumerId)} replace />;
  if (record.isPending) return <PageLoader />;
  if (record.isError) {
    return (
      <Stack>
        <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      </Stack>
    );
  }
  if (action === 'delete') return <DeleteConfirmation consumer={record.data} />;
  return <StateChangeConfirmation consumer={record.data} action={action} />;
}
