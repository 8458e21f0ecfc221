import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';

export type Vocabularies = components['schemas']['VocabulariesView'];
export type VocabularyKind = Exclude<keyof Vocabularies, never>;

/**
 * The platform's terms with their Chinese names, from GET /api/v1/vocabularies (the one place
 * each is defined is the API's libs; the page never keeps its own copy).
 */
export function useVocabularies() {
  return useQuery({
    queryKey: ['vocabularies'],
    queryFn: () => ok(api.GET('/api/v1/vocabularies')),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** A code's Chinese name; while the terms load, nothing rather than the code. */
export function useTermName(): (kind: VocabularyKind, code: string | null | undefined) => string {
  const { data } = useVocabularies();
  return (kind, code) => {
    if (!code) return '';
    return data?.[kind].find((t) => t.code === code)?.name ?? '';
  };
}

/** Options for an antd Select. */
export function useTermOptions(kind: VocabularyKind): { value: string; label: string }[] {
  const { data } = useVocabularies();
  return (data?.[kind] ?? []).map((t) => ({ value: t.code, label: t.name }));
}
