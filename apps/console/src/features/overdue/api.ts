import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';

/** A completion with no issued credential more than 30 days on (GET /overdue), oldest first. */
export interface OverdueItem {
  kind: 'course' | 'qualification';
  enrolmentId: string;
  learner: { id: string; fullName: string };
  course?: { id: string; code: string; name: string } | null;
  courseOfferId?: string | null;
  qualification?: { id: string; code: string; title: string } | null;
  completedOn: string;
  dueBy: string;
  daysOverdue: number;
  credential: { id: string; number: string; status: string } | null;
}

export function useOverdue(page: number) {
  return useQuery({
    queryKey: ['overdue', page],
    queryFn: () => api.get<Page<OverdueItem>>('/overdue', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
}
