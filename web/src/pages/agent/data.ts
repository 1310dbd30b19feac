/**
 * Reads and writes of the agent workspace: units, technicians, the people directory and the
 * case actions, each as a TanStack Query hook.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AttachmentInfo, CaseDetail } from '../../api/types';

/** A unit as GET /units returns it (dates as strings). */
export interface UnitSummary {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  active: boolean;
}

/** A person as GET /people returns it, reduced to what the workspace shows. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  roles: string[];
  active: boolean;
}

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<{ items: UnitSummary[] }>('/units'),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}

/** Active technicians of a unit; disabled until a unit is chosen. */
export function useTechnicians(unitId: string | null) {
  return useQuery({
    queryKey: ['people', 'technicians', unitId],
    enabled: unitId !== null,
    queryFn: () => {
      const query = new URLSearchParams({
        unitId: unitId ?? '',
        role: 'technician',
        active: 'true',
        limit: '100',
      });
      return api.get<{ items: PersonSummary[] }>(`/people?${query.toString()}`);
    },
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

/** People whose name or e-mail contains the search text; idle below two characters. */
export function usePeopleSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['people', 'search', q],
    enabled: q.length >= 2,
    queryFn: () => {
      const query = new URLSearchParams({ q, active: 'true', limit: '10' });
      return api.get<{ items: PersonSummary[] }>(`/people?${query.toString()}`);
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    select: (data) => data.items,
  });
}

/**
 * Tracks the upload of a message's files: `upload` returns their ids, or null after a failed
 * upload, whose error is then in `error`.
 */
export function useUploads() {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function upload(files: File[]): Promise<string[] | null> {
    setError(null);
    if (files.length === 0) return [];
    setUploading(true);
    try {
      return await uploadAll(files);
    } catch (failure) {
      setError(failure);
      return null;
    } finally {
      setUploading(false);
    }
  }

  return { upload, uploading, error };
}

/** Uploads files one at a time (POST /attachments) and returns their ids in order. */
export async function uploadAll(files: File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    const uploaded = await api.post<AttachmentInfo>('/attachments', form);
    ids.push(uploaded.id);
  }
  return ids;
}

export type CaseActionPath =
  | 'classify'
  | 'assign'
  | 'work-logs'
  | 'replies'
  | 'notes'
  | 'wait'
  | 'resume'
  | 'findings'
  | 'resolve'
  | 'reopen';

/** Sends one case action (POST /cases/{ref}/{path}) and stores the case it returns. */
export function useCaseAction(reference: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: CaseActionPath; body: unknown }) =>
      api.post<{ case: CaseDetail }>(`/cases/${reference}/${path}`, body),
    onSuccess: async (result) => {
      queryClient.setQueryData(['case', reference, 'staff'], result.case);
      await queryClient.invalidateQueries({ queryKey: ['case', reference, 'live'] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
