import { Stack, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface WideTableProps {
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  children: ReactNode;
}

/**
 * A table that scrolls sideways on a narrow screen and says so: a phone hides scrollbars until
 * touched, so without the line above the columns past the edge look like all there is.
 */
export function WideTable({ minWidth, children }: WideTableProps) {
  const { ref, width } = useElementSize<HTMLDivElement>();
  const scrolls = width > 0 && width < minWidth;

  return (
    <Stack gap={4}>
      {scrolls ? (
        <Text size="xs" c="dimmed" ta="right">
          Scroll sideways to see every column <span aria-hidden="true">→</span>
        </Text>
      ) : null}
      <Table.ScrollContainer
        ref={ref}
        minWidth={minWidth}
        scrollAreaProps={{ type: 'auto', offsetScrollbars: 'x' }}
      >
        {children}
      </Table.ScrollContainer>
    </Stack>
  );
}
