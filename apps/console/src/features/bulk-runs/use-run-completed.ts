import { useEffect } from 'react';
import { useBulkRun } from './api';

/** Calls `then` once a bulk run has finished (to read again what it changed); `then` should be stable (useCallback). */
export function useRunCompleted(id: string | null, then: () => void) {
  const run = useBulkRun(id);
  const done = run.data?.status === 'Completed';
  useEffect(() => {
    if (done) then();
  }, [done, id, then]);
}
