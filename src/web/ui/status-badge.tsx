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
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
