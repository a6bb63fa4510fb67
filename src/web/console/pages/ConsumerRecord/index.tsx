import { Anchor, Button, Group, Stack, Tabs, Text, Title, useMatches } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconListDetails } from '@tabler/icons-react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';

import { fullName } from '../../../lib/format.js';
import { ErrorAlert } from '../../../ui/error-alert.js';
import { PageLoader } from '../../../ui/page-loader.js';
import { StatusBadge } from '../../../ui/status-badge.js';
import { useConsumer } from '../../hooks/use-consumers.js';
import { OverviewPanel } from './components/overview-panel.js';
import { LaterReleasePanel } from './components/later-release-panel.js';
import { SecurityPanel } from './components/security-panel.js';

const tabs = [
  { value: 'overview', label: 'Overview' },
  { value: 'project', label: 'Project' },
  { value: 'messaging', label: 'Messaging' },
  { value: 'security', label: 'Security' },
  { value: 'api', label: 'API' },
] as const;

// One row on a phone: narrower tabs fit, and a narrower screen scrolls the row rather than
// leaving the last tab alone on a second line.
const scrollingTabs = { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' } as const;

function backLinkOf(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'back' in state) {
    const back = state.back;
    if (typeof back === 'string' && back.startsWith('/admin/users')) return back;
  }
  return '/admin/users';
}

/** One consumer's record: a heading, then its tabs; the open tab lives in the URL. */
export function ConsumerRecordPage() {
  const { consumerId = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const record = useConsumer(consumerId);
  const tabPadding = useMatches({ base: 10, sm: 16 });
  useDocumentTitle(
    record.data ? `${fullName(record.data)} · Gatehouse console` : 'Gatehouse console',
  );

  const requested = params.get('tab');
  const active = tabs.find((tab) => tab.value === requested)?.value ?? 'overview';
  const openTab = (value: string | null) =>
    setParams(value && value !== 'overview' ? { tab: value } : {}, { state: location.state });

  const back = (
    <Anchor component={Link} to={backLinkOf(location.state)} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        Users
      </Group>
    </Anchor>
  );

  if (record.isPending) return <PageLoader />;
  if (record.isError) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={record.error} />
      </Stack>
    );
  }

  const consumer = record.data;
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="center">
        <Group gap="sm" align="center">
          <Title order={1}>{fullName(consumer)}</Title>
          <StatusBadge status={consumer.status} />
        </Group>
        <Button
          component={Link}
          to={`/admin/events?consumerId=${consumer.id}`}
          variant="subtle"
          size="xs"
          leftSection={<IconListDetails size={16} />}
        >
          Event log of this account
        </Button>
      </Group>
      <Text c="dimmed" size="sm" mt={-12} style={{ overflowWrap: 'anywhere' }}>
        {consumer.email}
      </Text>
      <Tabs
        value={active}
        onChange={openTab}
        keepMounted={false}
        styles={{ tab: { paddingInline: tabPadding } }}
      >
        <Tabs.List mb="lg" style={scrollingTabs}>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewPanel consumer={consumer} />
        </Tabs.Panel>
        <Tabs.Panel value="project">
          <LaterReleasePanel>Projects arrive in a later release.</LaterReleasePanel>
        </Tabs.Panel>
        <Tabs.Panel value="messaging">
          <LaterReleasePanel>Messaging arrives in a later release.</LaterReleasePanel>
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <SecurityPanel consumer={consumer} />
        </Tabs.Panel>
        <Tabs.Panel value="api">
          <LaterReleasePanel>API keys arrive in a later release.</LaterReleasePanel>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
