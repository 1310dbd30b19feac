/**
 * The approvals inbox and the facility-request screens: their routes, mounted inside the shell by
 * App.tsx, the public decision-link route, and their navigation entries.
 */
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../../common/enums';

const ApprovalsInboxPage = lazy(() => import('./ApprovalsInboxPage'));
const ApprovalLinkPage = lazy(() => import('./ApprovalLinkPage'));
const DelegationsPage = lazy(() => import('./DelegationsPage'));
const MyFacilitiesPage = lazy(() => import('../facilities/MyFacilitiesPage'));
const NewFacilityPage = lazy(() => import('../facilities/NewFacilityPage'));
const FacilityPage = lazy(() => import('../facilities/FacilityPage'));
const StaffFacilitiesPage = lazy(() => import('../facilities/StaffFacilitiesPage'));

export interface ApprovalNavItem {
  to: string;
  labelKey: string;
  /** Shown to people with any of these roles. */
  roles: Role[];
}

/** Roles that decide gates: approvers, unit heads, management and administrators. */
const decidingRoles: Role[] = ['approver', 'supervisor', 'manager', 'admin'];

/** The delegations screen, for everyone who decides gates. */
export const delegationNavItem: ApprovalNavItem = {
  to: '/delegations',
  labelKey: 'delegations.nav',
  roles: decidingRoles,
};

/** Entries for people who apply for facilities. */
export const facilityCustomerNav: ApprovalNavItem[] = [
  { to: '/facilities', labelKey: 'facilities.nav.mine', roles: ['customer'] },
  { to: '/approvals', labelKey: 'approvals.nav', roles: ['approver'] },
  { to: '/delegations', labelKey: 'delegations.nav', roles: ['approver'] },
];

/** Entries for staff: the inbox and the provision list. */
export const approvalStaffNav: ApprovalNavItem[] = [
  { to: '/approvals', labelKey: 'approvals.nav', roles: decidingRoles },
  {
    to: '/facilities/staff',
    labelKey: 'facilities.nav.staff',
    roles: ['technician', 'supervisor', 'manager', 'admin'],
  },
];

export const approvalRoutes = (
  <>
    <Route path="approvals" element={<ApprovalsInboxPage />} />
    <Route path="delegations" element={<DelegationsPage />} />
    <Route path="facilities" element={<MyFacilitiesPage />} />
    <Route path="facilities/new" element={<NewFacilityPage />} />
    <Route path="facilities/staff" element={<StaffFacilitiesPage />} />
    <Route path="facilities/:reference" element={<FacilityPage />} />
  </>
);

export const approvalPublicRoutes = (
  <Route path="approvals/link/:token" element={<ApprovalLinkPage />} />
);
