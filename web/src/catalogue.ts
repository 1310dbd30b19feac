/** The service catalogue, read once per session and named in the current language. */
import { useQuery } from '@tanstack/react-query';
import type { Language } from '../../common/enums';
import { api } from './api/client';
import type { ServiceList } from './api/types';

export function useCatalogue() {
  return useQuery({
    queryKey: ['catalogue', 'services'],
    queryFn: () => api.get<ServiceList>('/catalogue/services'),
    staleTime: 10 * 60_000,
  });
}

/** Returns the name of a bilingual record (service, category, unit) in the given language. */
export function localName(
  record: { nameMs: string; nameEn: string } | null | undefined,
  language: Language,
): string {
  if (!record) return '';
  return language === 'en' ? record.nameEn : record.nameMs;
}
