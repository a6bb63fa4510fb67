import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconListDetails, IconSettings, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

import type { AdminProfile } from '../../../contracts/auth.js';
import { errorMessage } from '../../lib/api-client.js';
import { useSignOutAdmin } from '../hooks/use-admin-session.js';

const sections = [
  { to: '/admin/users', label: 'Users', Icon: IconUsers },
  { to: '/admin/events', label: 'Event log', Icon: IconListDetails },
  { to: '/admin/settings', label: 'Settings', Icon: IconSettings },
] as const;

interface ConsoleLayoutProps {
  admin: AdminProfile;
  children: ReactNode;
}

export function ConsoleLayout({ admin, children }: ConsoleLayoutProps) {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const { pathname } = useLocation();
  const signOut = useSignOutAdmin();

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={3} component="p">
              Gatehouse
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="xs" title={admin.name}>
              {admin.email}
            </Text>
            <Button variant="default" size="xs" onClick={onSignOut} loading={signOut.isPending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Console sections">
        {sections.map(({ to, label, Icon }) => (
          <NavLink
            key={to}
            component={Link}
            to={to}
            label={label}
            leftSection={<Icon size={18} stroke={1.6} />}
            active={pathname.startsWith(to)}
            aria-current={pathname.startsWith(to) ? 'page' : undefined}
            onClick={closeNav}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
