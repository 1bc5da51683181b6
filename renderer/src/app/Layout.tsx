import { AppShell, Box, Button, Divider, Group, Menu, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { roleLabels } from '../../../shared/contract';
import { ChangePasswordModal } from '../features/users/ChangePasswordModal';
import { SearchBox } from '../features/search/SearchBox';
import skipClasses from './skipLink.module.css';
import { navSections } from './nav';
import { activeNavPath } from './navActive';
import { useSession } from '../api/session';

/** The frame around every page after sign-in: header with office and user, ledgers on the left. */
export function Layout() {
  const { user, office, lock, logout } = useSession();
  const { pathname } = useLocation();
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const navigate = useNavigate();
  // F1 opens 帮助 from anywhere, a text field included (the browser's own F1 help is suppressed).
  useHotkeys([['F1', () => void navigate('/help')]], []);

  const sections = navSections
    .map((s) => ({ ...s, items: s.items.filter((i) => !i.roles || i.roles.includes(user.role)) }))
    .filter((s) => s.items.length > 0);
  const activePath = activeNavPath(
    pathname,
    sections.flatMap((s) => s.items.map((i) => i.path)),
  );

  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <a
        href="#main-content"
        className={skipClasses.skip}
        onClick={(e) => {
          // The app routes by the hash: move focus instead of following the link.
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        跳到正文
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} size="lg" c="ledger.8">
              乡村振兴台账
            </Text>
            {office && (
              <>
                <Divider orientation="vertical" my={12} />
                <Text size="sm" c="dimmed" data-testid="office-name">
                  {office.countyName} · {office.townshipName}
                </Text>
              </>
            )}
          </Group>
          <SearchBox />
          <Menu position="bottom-end" width={180}>
            <Menu.Target>
              <Button variant="subtle" color="gray" size="sm" rightSection="▾" aria-label={`用户菜单：${user.displayName}`}>
                <Text span size="sm" fw={600} c="dark">
                  {user.displayName}
                </Text>
                <Text span size="xs" c="dimmed" ml={6}>
                  {roleLabels[user.role]}
                </Text>
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>登录名：{user.username}</Menu.Label>
              <Menu.Item onClick={passwordModal.open}>修改密码</Menu.Item>
              <Menu.Item onClick={lock}>锁定</Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => void logout()}>
                退出登录
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="台账导航">
            <Stack gap="md">
              {sections.map((section) => (
                <Box key={section.title}>
                  <Text size="xs" c="dimmed" fw={600} px="sm" mb={4}>
                    {section.title}
                  </Text>
                  {section.items.map((item) => (
                    <NavLink
                      key={item.path}
                      component={Link}
                      to={item.path}
                      label={item.label}
                      active={item.path === activePath}
                      variant="light"
                      styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                    />
                  ))}
                </Box>
              ))}
            </Stack>
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0" id="main-content" tabIndex={-1} className={skipClasses.main}>
        <Outlet />
      </AppShell.Main>

      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </AppShell>
  );
}
