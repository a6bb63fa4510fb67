import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A record tab whose actions are not built yet. */
export function LaterReleasePanel({ children }: { children: ReactNode }) {
  return <Text c="dimmed">{children}</Text>;
}
