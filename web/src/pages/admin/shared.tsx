/**
 * Pieces shared by the administration screens: the response types as they arrive over JSON, the
 * role gate, and the read-only notice for auditors.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { serviceSchema } from '../../../../api/schemas/catalogue';
import type {
  personPageSchema,
  personSchema,
  unitDetailSchema,
  unitSchema,
} from '../../../../api/schemas/identity';
import type { Role } from '../../../../common/enums';
import { hasRole, useSession } from '../../auth/session';

/** A response type as JSON delivers it: dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Person = Wire<z.infer<typeof personSchema>>;
export type PersonPage = Wire<z.infer<typeof personPageSchema>>;
export type Unit = Wire<z.infer<typeof unitSchema>>;
export type UnitDetail = Wire<z.infer<typeof unitDetailSchema>>;
export type AdminService = Wire<z.infer<typeof serviceSchema>>;
export type AdminCategory = AdminService['categories'][number];

/** Roles that open the administration screens; auditors read, administrators change. */
export const adminReaderRoles: Role[] = ['admin', 'auditor'];

/** True when the signed-in person may change what the administration screens show. */
export function useCanManage(): boolean {
  const { me } = useSession();
  return hasRole(me, 'admin');
}

/** Shows the page to people with one of the roles, and a not-found message to everyone else. */
export function RequireRoles({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (hasRole(me, ...roles)) return children;
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
    </Stack>
  );
}

/** The notice that an auditor sees above a screen they may only read. */
export function ReadOnlyNotice() {
  const { t } = useTranslation();
  const canManage = useCanManage();
  if (canManage) return null;
  return (
    <Alert color="blue" variant="light">
      {t('admin.common.readOnly')}
    </Alert>
  );
}
