/** The ICT project screens: routes mounted inside the shell, and navigation entries. */
import { lazy } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../../common/enums';
import { RequireRoles } from '../admin/shared';

const ProjectsPage = lazy(() => import('./ProjectsPage'));
const NewProjectPage = lazy(() => import('./NewProjectPage'));
const ProjectPage = lazy(() => import('./ProjectPage'));
const ProjectTimelinePage = lazy(() => import('./ProjectTimelinePage'));
const ProjectSettingsPage = lazy(() => import('./ProjectSettingsPage'));

export interface ProjectNavItem {
  to: string;
  labelKey: string;
  roles: Role[];
}

/** Roles that read and change the project settings, as canManageProjectSettings allows. */
const settingsRoles: Role[] = ['admin'];

/** Customers, and approvers who hold no staff role, see the projects that involve them. */
export const projectCustomerNav: ProjectNavItem[] = [
  { to: '/projects', labelKey: 'projects.nav.mine', roles: ['customer', 'approver'] },
];

/** Every staff role lists projects, and the API returns all or only those involving them. */
export const projectStaffNav: ProjectNavItem[] = [
  {
    to: '/projects',
    labelKey: 'projects.nav.portfolio',
    roles: ['agent', 'technician', 'supervisor', 'manager', 'auditor', 'admin'],
  },
];

export const projectSettingsNavItem: ProjectNavItem = {
  to: '/admin/project-settings',
  labelKey: 'projects.nav.settings',
  roles: settingsRoles,
};

export const projectRoutes = (
  <>
    <Route path="projects" element={<ProjectsPage />} />
    <Route path="projects/new" element={<NewProjectPage />} />
    <Route path="projects/:reference" element={<ProjectPage />} />
    <Route path="projects/:reference/timeline" element={<ProjectTimelinePage />} />
    <Route
      path="admin/project-settings"
      element={
        <RequireRoles roles={settingsRoles}>
          <ProjectSettingsPage />
        </RequireRoles>
      }
    />
  </>
);
