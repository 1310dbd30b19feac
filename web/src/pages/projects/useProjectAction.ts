/** Sends an action of one project and keeps the project's cached detail up to date. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../api/client';
import type { ProjectDetail } from './types';

export const projectQueryKey = (reference: string) => ['project', reference] as const;

export function projectPath(reference: string): string {
  return `/projects/${encodeURIComponent(reference)}`;
}

/**
 * Returns the mutation of a gate, approval, procurement, guarantee or document action. It posts to
 * a path under the project, and the new detail in the reply replaces the cached one.
 */
export function useProjectAction(reference: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation<ProjectDetail, ApiError, { path: string; body?: object }>({
    mutationFn: ({ path, body }) =>
      api.post<ProjectDetail>(`${projectPath(reference)}/${path}`, body ?? {}),
    onSuccess: (detail) => {
      queryClient.setQueryData(projectQueryKey(reference), detail);
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['project-timeline', reference] });
      onDone?.();
    },
  });
}

/**
 * Returns the mutation of a change to the milestones, team or risks. The API replies with the
 * record's id only, so the project's detail and timeline are read again.
 */
export function useRecordChange(reference: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation<
    unknown,
    ApiError,
    { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: object }
  >({
    mutationFn: ({ method, path, body }) =>
      apiRequest(method, `${projectPath(reference)}/${path}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: projectQueryKey(reference) });
      void queryClient.invalidateQueries({ queryKey: ['project-timeline', reference] });
      onDone?.();
    },
  });
}
