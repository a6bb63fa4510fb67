import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode } from 'react';

interface SecuritySectionProps {
  title: string;
  description: ReactNode;
  /** Buttons or links shown beside the title. */
  action?: ReactNode;
  borderColor?: MantineColor;
  children?: ReactNode;
}

/** One card of the Security tab, a region named by its heading so it can be found by name. */
export function SecuritySection(props: SecuritySectionProps) {
  const { title, description, action, borderColor, children } = props;
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p="lg"
      radius="md"
      style={borderColor ? { borderColor: `var(--mantine-color-${borderColor}-4)` } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ flex: 1 }}>
            <Title order={2} size="h4" id={headingId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </Stack>
          {action ? <Box style={{ flexShrink: 0 }}>{action}</Box> : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
