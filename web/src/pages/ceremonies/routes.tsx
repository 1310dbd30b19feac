/** The event support screens: routes mounted inside the shell, and navigation entries. */
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../../common/enums';

const CeremoniesPage = lazy(() => import('./CeremoniesPage'));
const NewCeremonyPage = lazy(() => import('./NewCeremonyPage'));
const CeremonyPage = lazy(() => import('./CeremonyPage'));
const CeremonyCalendarPage = lazy(() => import('./CeremonyCalendarPage'));

export interface CeremonyNavItem {
  to: string;
  labelKey: string;
  roles: Role[];
}

export const ceremonyCustomerNav: CeremonyNavItem[] = [
  { to: '/ceremonies', labelKey: 'ceremony.nav.mine', roles: ['customer'] },
];

export const ceremonyStaffNav: CeremonyNavItem[] = [
  {
    to: '/ceremonies',
    labelKey: 'ceremony.nav.all',
    roles: ['technician', 'supervisor', 'manager', 'auditor', 'admin'],
  },
  {
    to: '/ceremonies/calendar',
    labelKey: 'ceremony.nav.calendar',
    roles: ['technician', 'supervisor', 'manager', 'auditor', 'admin'],
  },
];

export const ceremonyRoutes = (
  <>
    <Route path="ceremonies" element={<CeremoniesPage />} />
    <Route path="ceremonies/new" element={<NewCeremonyPage />} />
    <Route path="ceremonies/calendar" element={<CeremonyCalendarPage />} />
    <Route path="ceremonies/:reference" element={<CeremonyPage />} />
  </>
);
