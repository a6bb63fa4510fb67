import { Badge } from '@mantine/core';

import type { ConsumerStatus } from '../../contracts/consumers.js';

const statusLabels: Record<ConsumerStatus, { label: string; color: string }> = {
  new: { label: 'New', color: 'blue' },
  active: { label: 'Activated', color: 'green' },
  suspended: { label: 'Suspended', color: 'red' },
};

const fullLabel = {
  root: { flexShrink: 0, overflow: 'visible' },
  label: { overflow: 'visible', textOverflow: 'clip' },
} as const;

export function statusLabel(status: ConsumerStatus): string {
  return statusLabels[status].label;
}

export function StatusBadge({ status }: { status: ConsumerStatus }) {
  const { label, color } = statusLabels[status];
  return (
    // The label clips with an ellipsis by default, which lets a table squeeze its column to "N…";
    // a status must always read in full.
    <Badge color={color} variant="light" styles={fullLabel}>
      {label}
    </Badge>
  );
}
