/** Every unit, active or not, for the administration screens. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Unit } from './shared';

export function useAllUnits() {
  return useQuery({
    queryKey: ['admin', 'units'],
    queryFn: () => api.get<{ items: Unit[] }>('/units?includeInactive=true'),
  });
}
