/**
 * Shapes of the SLA policy and approval rule APIs as the screens use them, taken from the API's
 * zod schemas (type-only imports), and the roles that open the two screens.
 */
import type { z } from 'zod';
import type { rule, ruleBody } from '../../../../../api/schemas/approvals';
import type { policyBody, policySchema } from '../../../../../api/schemas/sla-policies';
import type { Role } from '../../../../../common/enums';

export type SlaPolicy = z.infer<typeof policySchema>;
export type SlaPolicyBody = z.input<typeof policyBody>;
export type SlaTarget = NonNullable<SlaPolicy['firstResponse']>;

export type ApprovalRule = z.infer<typeof rule>;
export type ApprovalRuleBody = z.input<typeof ruleBody>;
export type ApprovalLevel = ApprovalRule['levels'][number];
export type ApproverSpec = ApprovalLevel['approvers'][number];

/**
 * Administrators only: GET /sla-policies checks canManageSlaPolicies, which allows no other role,
 * so the screen has no read-only mode.
 */
export const slaPolicyRoles: Role[] = ['admin'];

/** Administrators only: GET /approval-rules checks canManageApprovalRules. */
export const approvalRuleRoles: Role[] = ['admin'];

export const slaPoliciesQueryKey = ['admin', 'sla-policies'] as const;
export const approvalRulesQueryKey = ['admin', 'approval-rules'] as const;
