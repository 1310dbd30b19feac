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
import {
  approvalStaffNav,
  delegationNavItem,
  facilityCustomerNav,
} from '../pages/approvals/routes';
import { loanCustomerNav, loanStaffNav } from '../pages/loans/routes';
import { ceremonyCustomerNav, ceremonyStaffNav } from '../pages/ceremonies/routes';
import {
  projectCustomerNav,
  projectSettingsNavItem,
  projectStaffNav,
} from '../pages/projects/routes';
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
  ...projectCustomerNav,
];

/** A titled group of the staff navigation. */
interface NavSection {
  titleKey: string;
  items: NavItem[];
}

const reportRoles: Role[] = ['supervisor', 'manager', 'auditor', 'admin'];

/** Staff navigation by kind of work, so a person with many roles finds an entry by its section. */
const staffSections: NavSection[] = [
  {
    titleKey: 'nav.section.work',
    items: [
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
      ...approvalStaffNav,
      delegationNavItem,
    ],
  },
  {
    titleKey: 'nav.section.services',
    items: [...loanStaffNav, ...ceremonyStaffNav, ...projectStaffNav],
  },
  {
    titleKey: 'nav.section.reports',
    items: [
      { to: '/dashboard', labelKey: 'dashboard.nav', roles: ['supervisor', 'manager', 'admin'] },
      { to: '/reports/periodic', labelKey: 'periodicReport.nav', roles: reportRoles },
      { to: '/reports/charter', labelKey: 'sla.charter.nav', roles: reportRoles },
      { to: '/reports/trends', labelKey: 'reports.trends.nav', roles: reportRoles },
      { to: '/surveys', labelKey: 'surveys.nav.admin', roles: ['manager', 'auditor', 'admin'] },
      { to: '/csi', labelKey: 'csi.nav', roles: ['manager', 'auditor', 'admin'] },
      { to: '/follow-ups', labelKey: 'surveys.nav.followUps', roles: reportRoles },
    ],
  },
  {
    titleKey: 'nav.section.admin',
    items: [...adminNav, calendarNavItem, projectSettingsNavItem],
  },
];

/** Returns the element id of a navigation section's title. */
function sectionId(titleKey: string): string {
  return `nav-${titleKey.replaceAll('.', '-')}`;
}

/** Checks whether a navigation item is the current page; a case page belongs to its list. */
function isCurrent(to: string, pathname: string, staff: boolean): boolean {
  const casePage = /^\/cases\/[A-Z]/.test(pathname);
  if (to === '/') return pathname === '/';
  if (to === '/agent') return pathname === '/agent' || (staff && casePage);
  if (to === '/cases') return pathname === '/cases' || casePage;
  if (to === '/admin/mail') return pathname === to || pathname.startsWith(`${to}/`);
  if (to === '/projects') return pathname === to || pathname.startsWith(`${to}/`);
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
  const visible = (items: NavItem[]) => items.filter((item) => hasRole(me, ...item.roles));
  const sections: NavSection[] = staff
    ? staffSections
        .map((section) => ({ ...section, items: visible(section.items) }))
        .filter((section) => section.items.length > 0)
    : [{ titleKey: '', items: visible(customerNav) }];
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
          <Stack gap="sm">
            {sections.map((section) => (
              <Stack
                key={section.titleKey || 'customer'}
                gap={2}
                component="section"
                aria-labelledby={section.titleKey ? sectionId(section.titleKey) : undefined}
              >
                {section.titleKey ? (
                  <Text
                    id={sectionId(section.titleKey)}
                    size="xs"
                    fw={700}
                    c="dimmed"
                    tt="uppercase"
                    px="sm"
                  >
                    {t(section.titleKey)}
                  </Text>
                ) : null}
                {section.items.map((item) => (
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
