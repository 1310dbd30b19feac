/**
 * The administration screens and the live process map: their routes, mounted inside the shell by
 * App.tsx, and their navigation entries, shown by the shell to the roles listed.
 */
import { lazy } from 'react';
import { Navigate, Route } from 'react-router';
import type { Role } from '../../../../common/enums';
import { approvalRuleRoles, slaPolicyRoles } from './policies/types';
import { adminReaderRoles, RequireRoles } from './shared';

const PeoplePage = lazy(() => import('./PeoplePage'));
const UnitsPage = lazy(() => import('./UnitsPage'));
const CataloguePage = lazy(() => import('./CataloguePage'));
const OutboxPage = lazy(() => import('./OutboxPage'));
const MailboxesPage = lazy(() => import('./mail/MailboxesPage'));
const MailQuarantinePage = lazy(() => import('./mail/QuarantinePage'));
const MailMessagesPage = lazy(() => import('./mail/MessagesPage'));
const ProcessMapPage = lazy(() => import('../process-map/ProcessMapPage'));
const SlaPoliciesPage = lazy(() => import('./policies/SlaPoliciesPage'));
const ApprovalRulesPage = lazy(() => import('./policies/ApprovalRulesPage'));

/** Roles that manage the e-mail channel, as canManageMail in the API allows. */
const mailRoles: Role[] = ['admin'];

/** Staff roles that read the process map, as GET /process-map allows. */
const processMapRoles: Role[] = [
  'agent',
  'technician',
  'supervisor',
  'manager',
  'auditor',
  'admin',
];

export interface AdminNavItem {
  to: string;
  labelKey: string;
  /** Shown to people with any of these roles. */
  roles: Role[];
}

export const adminNav: AdminNavItem[] = [
  { to: '/process-map', labelKey: 'processMap.nav', roles: processMapRoles },
  { to: '/admin/people', labelKey: 'admin.nav.people', roles: adminReaderRoles },
  { to: '/admin/units', labelKey: 'admin.nav.units', roles: adminReaderRoles },
  { to: '/admin/catalogue', labelKey: 'admin.nav.catalogue', roles: adminReaderRoles },
  { to: '/admin/outbox', labelKey: 'admin.nav.outbox', roles: adminReaderRoles },
  { to: '/admin/mail', labelKey: 'mail.nav', roles: mailRoles },
  { to: '/admin/sla-policies', labelKey: 'policies.nav.sla', roles: slaPolicyRoles },
  { to: '/admin/approval-rules', labelKey: 'policies.nav.approvalRules', roles: approvalRuleRoles },
];

const processMap = (
  <RequireRoles roles={processMapRoles}>
    <ProcessMapPage />
  </RequireRoles>
);

/** Routes to place inside the signed-in shell's <Route>. */
export const adminRoutes = (
  <>
    <Route path="process-map" element={processMap} />
    <Route path="peta-proses" element={<Navigate to="/process-map" replace />} />
    <Route path="admin" element={<Navigate to="/admin/people" replace />} />
    <Route
      path="admin/people"
      element={
        <RequireRoles roles={adminReaderRoles}>
          <PeoplePage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/units"
      element={
        <RequireRoles roles={adminReaderRoles}>
          <UnitsPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/catalogue"
      element={
        <RequireRoles roles={adminReaderRoles}>
          <CataloguePage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/outbox"
      element={
        <RequireRoles roles={adminReaderRoles}>
          <OutboxPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/mail"
      element={
        <RequireRoles roles={mailRoles}>
          <MailboxesPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/mail/quarantine"
      element={
        <RequireRoles roles={mailRoles}>
          <MailQuarantinePage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/mail/messages"
      element={
        <RequireRoles roles={mailRoles}>
          <MailMessagesPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/sla-policies"
      element={
        <RequireRoles roles={slaPolicyRoles}>
          <SlaPoliciesPage />
        </RequireRoles>
      }
    />
    <Route
      path="admin/approval-rules"
      element={
        <RequireRoles roles={approvalRuleRoles}>
          <ApprovalRulesPage />
        </RequireRoles>
      }
    />
  </>
);
