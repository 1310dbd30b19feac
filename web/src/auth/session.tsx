/**
 * The signed-in person for the whole app. GET /auth/me returns who is signed in after a reload,
 * with the session's CSRF token, which the client keeps in memory.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Language, Role } from '../../../common/enums';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { LoginResult, Me } from '../api/types';
import { applyLanguage } from '../i18n';

export interface SessionValue {
  me: Me | null;
  loading: boolean;
  /** Signs in and returns the person, for the sign-in screen to choose where they land. */
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Switches the language, and stores it on the person's profile when signed in. */
  setLanguage: (language: Language) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export const meQueryKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
  const me = meQuery.data ?? null;

  useEffect(() => {
    if (!me) return;
    setCsrfToken(me.csrfToken);
    void applyLanguage(me.language);
  }, [me]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await api.post<LoginResult>('/auth/login', { email, password });
      setCsrfToken(result.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      const fresh = await api.get<Me>('/auth/me');
      queryClient.setQueryData(meQueryKey, fresh);
      return fresh;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setCsrfToken(null);
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
    }
  }, [queryClient]);

  const setLanguage = useCallback(
    async (language: Language) => {
      await applyLanguage(language);
      const current = queryClient.getQueryData<Me | null>(meQueryKey);
      if (current && current.language !== language) {
        const updated = await api.patch<Me>('/auth/me', { language });
        queryClient.setQueryData(meQueryKey, updated);
      }
    },
    [queryClient],
  );

  const value = useMemo<SessionValue>(
    () => ({ me, loading: meQuery.isPending, signIn, signOut, setLanguage }),
    [me, meQuery.isPending, signIn, signOut, setLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** Checks whether the person has any of the given roles. */
export function hasRole(me: Me | null, ...roles: Role[]): boolean {
  return me !== null && me.roles.some((role) => roles.includes(role));
}

/** Checks whether the person works cases, and so has the agent workspace's queues. */
export function worksCases(me: Me | null): boolean {
  return hasRole(me, 'agent', 'technician', 'supervisor', 'manager', 'admin');
}

/**
 * Returns the screen a person lands on after signing in: the open queue for those who work cases,
 * the case list for auditors, the service catalogue for customers. The sign-in screen goes there
 * directly, not through /, whose screen would redirect again once it had loaded.
 */
export function landingPath(me: Me): string {
  if (worksCases(me)) return '/agent?queue=open';
  return isStaff(me) ? '/cases' : '/';
}

/** Checks whether the person works or reads cases for the division (everyone but customers). */
export function isStaff(me: Me | null): boolean {
  return hasRole(me, 'agent', 'technician', 'supervisor', 'manager', 'admin', 'auditor');
}
