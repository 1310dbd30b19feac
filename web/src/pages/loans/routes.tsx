/** The loan and inventory screens: routes mounted inside the shell, and navigation entries. */
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../../common/enums';

const LoansPage = lazy(() => import('./LoansPage'));
const NewLoanPage = lazy(() => import('./NewLoanPage'));
const LoanPage = lazy(() => import('./LoanPage'));
const InventoryPage = lazy(() => import('../inventory/InventoryPage'));
const ResourcePage = lazy(() => import('../inventory/ResourcePage'));
const CalendarPage = lazy(() => import('../inventory/CalendarPage'));

export interface LoanNavItem {
  to: string;
  labelKey: string;
  roles: Role[];
}

export const loanCustomerNav: LoanNavItem[] = [
  { to: '/loans', labelKey: 'loans.nav.mine', roles: ['customer'] },
  { to: '/inventory/calendar', labelKey: 'loans.nav.calendar', roles: ['customer'] },
];

export const loanStaffNav: LoanNavItem[] = [
  {
    to: '/loans',
    labelKey: 'loans.nav.unit',
    roles: ['technician', 'agent', 'supervisor', 'manager', 'admin'],
  },
  {
    to: '/inventory',
    labelKey: 'loans.nav.inventory',
    roles: ['technician', 'agent', 'supervisor', 'manager', 'auditor', 'admin'],
  },
  {
    to: '/inventory/calendar',
    labelKey: 'loans.nav.calendar',
    roles: ['technician', 'agent', 'supervisor', 'manager', 'auditor', 'admin'],
  },
];

export const loanRoutes = (
  <>
    <Route path="loans" element={<LoansPage />} />
    <Route path="loans/new" element={<NewLoanPage />} />
    <Route path="loans/:reference" element={<LoanPage />} />
    <Route path="inventory" element={<InventoryPage />} />
    <Route path="inventory/calendar" element={<CalendarPage />} />
    <Route path="inventory/:id" element={<ResourcePage />} />
  </>
);
