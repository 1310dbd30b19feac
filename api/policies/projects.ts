/**
 * Who may raise, see and act on ICT projects. The enums have no project-officer role, so the roles
 * map as follows:
 * - customers and every staff role raise an ICT need (keperluan ICT); auditors and approvers who
 *   hold no other role do not;
 * - technicians (the division's IT officers, pegawai teknikal), unit heads (supervisor), the
 *   division's management (manager), auditors and administrators see every project;
 * - project officers, who keep a project's milestones, team and risks, are the technicians,
 *   managers and administrators;
 * - the division's management and administrators decide the gates and record the procurement and
 *   guarantee steps, as the workflows also check.
 * An applicant sees their own projects, a team member the projects they are on, and an approver
 * the projects whose approval task they hold. Anyone else gets 404, as if the project did not exist.
 */
import type { Principal } from '../../activities/identity/principals';
import { staffRoles, type Role } from '../../common/enums';

const seesAllProjects: readonly Role[] = [
  'technician',
  'supervisor',
  'manager',
  'auditor',
  'admin',
];
const projectOfficers: readonly Role[] = ['technician', 'manager', 'admin'];
const projectManagers: readonly Role[] = ['manager', 'admin'];

const holdsAny = (principal: Principal, roles: readonly Role[]) =>
  principal.roles.some((role) => roles.includes(role));

export interface ProjectAccessFacts {
  applicantId: string;
  teamIds: readonly string[];
  /** People holding an approval task of the project, decided or not. */
  approverIds: readonly string[];
}

export function canRaiseProjectNeed(principal: Principal): boolean {
  return principal.roles.includes('customer') || holdsAny(principal, staffRoles);
}

/** Returns whether the principal lists every project rather than only those involving them. */
export function seesEveryProject(principal: Principal): boolean {
  return holdsAny(principal, seesAllProjects);
}

export function canSeeProject(principal: Principal, facts: ProjectAccessFacts): boolean {
  if (facts.applicantId === principal.id) return true;
  if (facts.teamIds.includes(principal.id)) return true;
  if (facts.approverIds.includes(principal.id)) return true;
  return seesEveryProject(principal);
}

/** Returns whether the principal is a project officer, who keeps milestones, team and risks. */
export function isProjectOfficer(principal: Principal): boolean {
  return holdsAny(principal, projectOfficers);
}

/** Returns whether the principal decides gates and records procurement and guarantee steps. */
export function decidesProjectGates(principal: Principal): boolean {
  return holdsAny(principal, projectManagers);
}

/** Returns whether the principal may attach gate documents: the applicant or management. */
export function canAttachProjectDocument(principal: Principal, applicantId: string): boolean {
  return principal.id === applicantId || decidesProjectGates(principal);
}

/** Returns whether the principal may read and change the project settings: administrators. */
export function canManageProjectSettings(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
