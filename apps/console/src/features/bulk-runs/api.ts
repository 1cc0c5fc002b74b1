import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';

export interface BulkRunFailure {
  targetId: string;
  /** The credential the failed item concerns, when there is one (a refused action, a request that made one). */
  credentialId?: string | null;
  message: string;
}

export interface BulkRun {
  id: string;
  action: string;
  status: 'Running' | 'Completed';
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  failures: BulkRunFailure[];
  startedAt: string;
  finishedAt: string | null;
  workflowId: string;
  workflowUrl: string;
}

export type BulkRunSummary = Omit<BulkRun, 'failures'>;

/** A bulk run, polled every second while it runs. */
export function useBulkRun(id: string | null | undefined) {
  return useQuery({
    queryKey: ['bulk-runs', id],
    queryFn: () => api.get<BulkRun>(`/bulk-runs/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'Completed' ? false : 1000),
  });
}

export function useBulkRuns(page: number, status?: string) {
  return useQuery({
    queryKey: ['bulk-runs', 'list', page, status],
    queryFn: () => api.get<Page<BulkRunSummary>>('/bulk-runs', { page, pageSize: 50, status }),
    refetchInterval: 3000,
  });
}

/** Resolves once the run has completed (for work that must follow it, such as opening a print run's PDF). */
export async function runCompleted(id: string): Promise<BulkRun> {
  for (;;) {
    const run = await api.get<BulkRun>(`/bulk-runs/${id}`);
    if (run.status === 'Completed') return run;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** What a run did, in the words of the seed system's actions. */
export const actionNames: Record<string, string> = {
  request: 'Request Credential',
  audit: 'Audit',
  regenerate: 'Regenerate',
  issue: 'Issue',
  email: 'Email',
  print: 'Print',
  cancel: 'Cancel',
};

export const actionName = (action: string) => actionNames[action] ?? action;
