import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { CredentialHead } from '../credentials/api';

export type RegisterScope = 'all' | 'learner' | 'course-offer' | 'qualification';

export const credentialStatuses = [
  'Requested',
  'Generating',
  'Generated',
  'GenerationFailed',
  'Issued',
  'Cancelled',
] as const;
export const credentialTypes = ['Certificate', 'Transcript', 'Statement', 'Letter', 'Card', 'Other'] as const;
export const emailStatuses = ['NotSent', 'Sending', 'Sent', 'Delivered', 'Bounced', 'Failed'] as const;

/** One row of the Credential Register (GET /credentials and its scoped lists). */
export interface RegisterItem extends CredentialHead {
  learner: { id: string; fullName: string };
  source: { kind: 'course' | 'qualification'; enrolmentId: string; courseOfferId?: string; qualificationId?: string };
  documentVersion: number | null;
  overdue: boolean;
  issuingOfficer?: { id: string; name: string; position?: string } | null;
}

/** The register's filters, as the URL and the API name them. */
export const filterNames = [
  'q',
  'status',
  'type',
  'templateId',
  'from',
  'to',
  'emailStatus',
  'printed',
  'issuingOfficerId',
  'bulkRunId',
  'overdue',
] as const;
export type FilterName = (typeof filterNames)[number];
export type Filters = Partial<Record<FilterName, string>>;

export const pageSize = 50;

/** The API path of the register for a scope: the whole register, or one learner's, offer's or qualification's. */
export function registerPath(scope: RegisterScope, scopeId: string | undefined): string {
  switch (scope) {
    case 'learner':
      return `/learners/${scopeId}/credentials`;
    case 'course-offer':
      return `/course-offers/${scopeId}/credentials`;
    case 'qualification':
      return `/qualifications/${scopeId}/credentials`;
    default:
      return '/credentials';
  }
}

/**
 * A page of the register, paged by the server; the page on screen stays while the next one loads (keepPreviousData),
 * so paging through 100,000 credentials never blanks the table.
 */
export function useRegister(path: string, filters: Filters, page: number) {
  return useQuery({
    queryKey: ['register', path, filters, page],
    queryFn: () => api.get<Page<RegisterItem>>(path, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

interface ScopeAnswer {
  fullName?: string;
  course?: { code: string; name: string };
  code?: string;
  title?: string;
}

/** The name of what a scoped register belongs to, for its heading: a learner, a course offer or a qualification. */
export function useScopeName(scope: RegisterScope, scopeId: string | undefined) {
  const path =
    scope === 'learner'
      ? `/learners/${scopeId}`
      : scope === 'course-offer'
        ? `/course-offers/${scopeId}`
        : `/qualifications/${scopeId}`;
  const query = useQuery({
    queryKey: ['register-scope', path],
    queryFn: () => api.get<ScopeAnswer>(path),
    enabled: scope !== 'all' && Boolean(scopeId),
    staleTime: 60_000,
  });
  const data = query.data;
  const name = !data
    ? undefined
    : scope === 'learner'
      ? data.fullName
      : scope === 'course-offer'
        ? `${data.course?.name ?? 'Course'} offer`
        : `${data.code} ${data.title}`;
  return { name, error: query.error };
}
