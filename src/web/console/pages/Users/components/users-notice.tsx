import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'react-router';

/** Navigation state that brings a notice to the Users page, e.g. after a deletion. */
export interface UsersNoticeState {
  notice: string;
}

function noticeOf(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'notice' in state) {
    return typeof state.notice === 'string' ? state.notice : null;
  }
  return null;
}

export function UsersNotice() {
  const location = useLocation();
  const notice = noticeOf(location.state);
  const [dismissedKey, setDismissedKey] = useState<string | null>(null);

  if (!notice || dismissedKey === location.key) return null;
  return (
    <Alert
      color="green"
      icon={<IconCircleCheck size={18} />}
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => setDismissedKey(location.key)}
    >
      {notice}
    </Alert>
  );
}
