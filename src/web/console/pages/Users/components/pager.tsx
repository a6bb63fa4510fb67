import { Button, Group } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

interface PagerProps {
  previousCursor: string | null;
  nextCursor: string | null;
  onPage: (cursor: string) => void;
}

export function Pager({ previousCursor, nextCursor, onPage }: PagerProps) {
  return (
    <Group justify="space-between" mt="md">
      <Button
        variant="default"
        leftSection={<IconChevronLeft size={16} />}
        disabled={previousCursor === null}
        onClick={() => previousCursor !== null && onPage(previousCursor)}
      >
        Previous
      </Button>
      <Button
        variant="default"
        rightSection={<IconChevronRight size={16} />}
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && onPage(nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
