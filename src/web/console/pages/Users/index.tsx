import { Stack, Tabs, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

import { NewConsumerTab } from './components/new-consumer-tab.js';
import { OverviewTab } from './components/overview-tab.js';
import { SearchTab } from './components/search-tab.js';
import { UsersNotice } from './components/users-notice.js';

const tabs = ['overview', 'search', 'new'] as const;
type UsersTab = (typeof tabs)[number];

function isUsersTab(value: string | null): value is UsersTab {
  return tabs.some((tab) => tab === value);
}

/** Users: the list with its filters, search and the creation form, each state kept in the URL. */
export function UsersPage() {
  useDocumentTitle('Users · Gatehouse console');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: UsersTab = isUsersTab(requested) ? requested : 'overview';

  const openTab = (value: string | null) => {
    if (isUsersTab(value) && value !== active) setParams({ tab: value });
  };

  return (
    <Stack gap="lg">
      <Title order={1}>Users</Title>
      <UsersNotice />
      <Tabs value={active} onChange={openTab} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="search">Search</Tabs.Tab>
          <Tabs.Tab value="new">New</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab />
        </Tabs.Panel>
        <Tabs.Panel value="search">
          <SearchTab />
        </Tabs.Panel>
        <Tabs.Panel value="new">
          <NewConsumerTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
