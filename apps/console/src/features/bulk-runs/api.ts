import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';

export interface BulkRun {
  id: string;
  action: string;
  status: 'Running' | 'Completed';
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  failures: Array<{ targetId: string; message: string }>;
  startedAt: string;
  finishedAt: string | null;
  workflowId: string;
  workflowUrl: string;
}

/** A bulk run, polled every second while it runs. */
export function useBulkRun(id: string | null | undefined) {
  return useQuery({
    queryKey: ['bulk-runs', id],
    queryFn: () => api.get<BulkRun>(`/bulk-runs/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'Completed' ? false : 1000),
  });
}

export function useBulkRuns(page: number) {
  return useQuery({
    queryKey: ['bulk-runs', 'list', page],
    queryFn: () => api.get<Page<Omit<BulkRun, 'failures'>>>('/bulk-runs', { page, pageSize: 50 }),
    refetchInterval: 3000,
  });
}
