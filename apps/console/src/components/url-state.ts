import { useSearchParams } from 'react-router';

/** Names to set in the URL's query string; a blank or null value removes the name. */
export type ParamChanges = Record<string, string | null | undefined>;

/**
 * The screen's query string and a change to it that keeps the names it does not mention, so filters, page and a
 * followed bulk run stay in the URL (a reload or a shared link keeps the place).
 */
export function useUrlParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: ParamChanges) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });
  return [params, update];
}

/** The list page in the URL (`?page=2`); other parameters are kept when it changes. */
export function usePageParam(): [number, (page: number) => void] {
  const [params, update] = useUrlParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return [page, (next: number) => update({ page: next > 1 ? String(next) : null })];
}
