import { Badge } from '@mantine/core';

import type { ConsumerStatus } from '../../contracts/consumers.js';

const statusLabels: Record<ConsumerStatus, { label: string; color: string }> = {
  new: { label: 'New', color: 'blue' },
  active: { label: 'Activated', color: 'green' },
  suspended: { label: 'Suspended', color: 'red' },
};

export function statusLabel(status: ConsumerStatus): string {
  return statusLabels[status].label;
}

export function StatusBadge({ status }: { status: ConsumerStatus }) {
  const { label, color } = statusLabels[status];
  return (
    // A table column may be narrow; the status must still read in full.
    <Badge color={color} variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
      {label}
    </Badge>
  );
}
