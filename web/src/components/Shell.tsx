/**
 * The signed-in frame: a header with the language switch, navigation by role (a drawer behind a
 * burger below the sm breakpoint), and the page.
 */
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Role } from '../../../common/enums';
import { hasRole, isStaff, useSession } from '../auth/session';
import { adminNav } from '../pages/admin/routes';
import { approvalStaffNav, facilityCustomerNav } from '../pages/approvals/routes';
import { loanCustomerNav, loanStaffNav } from '../pages/loans/routes';
import { ceremonyCustomerNav, ceremonyStaffNav } from '../pages/ceremonies/routes';
import { calendarNavItem } from '../pages/admin/calendars/routes';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationsMenu } from './NotificationsMenu';
import { PageLoader } from './PageLoader';

interface NavItem {
  to: string;
  labelKey: string;
  /** Shown to people with any of these roles. */
  roles: Role[];
}

const customerNav: NavItem[] = [
  { to: '/', labelKey: 'nav.catalogue', roles: ['customer'] },
  { to: '/cases/new', labelKey: 'nav.newComplaint', roles: ['customer'] },
  { to: '/cases', labelKey: 'nav.myCases', roles: ['customer'] },
  ...facilityCustomerNav,
  ...loanCustomerNav,
  ...ceremonyCustomerNav,
];

const staffNav: NavItem[] = [
  {
    to: '/agent',
    labelKey: 'agent.nav.queues',
    roles: ['agent', 'technician', 'supervisor', 'manager', 'admin'],
  },
  {
    to: '/agent/new',
    labelKey: 'agent.nav.logCase',
    roles: ['agent', 'supervisor', 'manager', 'admin'],
  },
  { to: '/cases', labelKey: 'nav.cases', roles: ['auditor'] },
  {
    to: '/reports/periodic',
    labelKey: 'periodicReport.nav',
    roles: ['supervisor', 'manager', 'auditor', 'admin'],
  },
  {
    to: '/reports/charter',
    labelKey: 'sla.charter.nav',
    roles: ['supervisor', 'manager', 'auditor', 'admin'],
  },
  {
    to: '/reports/trends',
    labelKey: 'reports.trends.nav',
    roles: ['supervisor', 'manager', 'auditor', 'admin'],
  },
  { to: '/surveys', labelKey: 'surveys.nav.admin', roles: ['manager', 'auditor', 'admin'] },
  {
    to: '/follow-ups',
    labelKey: 'surveys.nav.followUps',
    roles: ['supervisor', 'manager', 'auditor', 'admin'],
  },
  ...approvalStaffNav,
  ...loanStaffNav,
  ...ceremonyStaffNav,
  ...adminNav,
  calendarNavItem,
];

/** Checks whether a navigation item is the current page; a case page belongs to its list. */
function isCurrent(to: string, pathname: string, staff: boolean): boolean {
  const casePage = /^\/cases\/[A-Z]/.test(pathname);
  if (to === '/') return pathname === '/';
  if (to === '/agent') return pathname === '/agent' || (staff && casePage);
  if (to === '/cases') return pathname === '/cases' || casePage;
  if (to === '/admin/mail') return pathname === to || pathname.startsWith(`${to}/`);
  return pathname === to;
}

export function Shell() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  const staff = isStaff(me);
  const items = (staff ? staffNav : customerNav).filter((item) => hasRole(me, ...item.roles));
  const isActive = (to: string) => isCurrent(to, location.pathname, staff);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      setSigningOut(false);
      void navigate('/signin', { replace: true });
    }
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group
          h="100%"
          px={{ base: 'xs', sm: 'md' }}
          justify="space-between"
          wrap="nowrap"
          gap="xs"
        >
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Title order={2} size="h3">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationsMenu />
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        aria-label={t('shell.navigation')}
        // A long staff navigation is taller than a laptop screen, so the navbar scrolls.
        style={{ overflowY: 'auto' }}
      >
        <Stack justify="space-between" mih="100%">
          <Stack gap={4}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.labelKey)}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                onClick={close}
                variant="filled"
              />
            ))}
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {t('shell.signedInAs', { name: me?.name ?? '' })}
            </Text>
            <Button variant="default" onClick={() => void handleSignOut()} loading={signingOut}>
              {t('shell.signOut')}
            </Button>
          </Stack>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
