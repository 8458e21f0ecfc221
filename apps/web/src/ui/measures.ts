import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

/**
 * The measures' Chinese names as the policy packs write them (GET /api/v1/policies/{id}): the
 * pack is the one place they are defined, and a new year's pack brings its own.
 */
export function useMeasureNames(): Record<string, string> {
  const { data } = useQuery({
    queryKey: ['measure-names'],
    staleTime: Infinity,
    queryFn: async () => {
      const packs = await ok(api.GET('/api/v1/policies'));
      const details = await Promise.all(
        packs.map((p) => ok(api.GET('/api/v1/policies/{id}', { params: { path: { id: p.id } } }))),
      );
      const names: Record<string, string> = {};
      for (const d of details) for (const m of d.measures) names[m.id] ??= m.name;
      return names;
    },
  });
  return data ?? {};
}
