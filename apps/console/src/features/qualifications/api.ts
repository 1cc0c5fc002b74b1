import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { CredentialRequest } from '../credential-requests/api';

/** The qualification enrolment statuses, in the order an enrolment moves through them (domain/entities). */
export const enrolmentStatuses = [
  'Not Yet Achieved',
  'Ready to be Requested',
  'Generating Credential',
  'Awaiting Issue',
  'Credential Issued',
  'Credential Failed to Generate',
  'Withdrawn',
] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** The statuses an audit can change (and so explain). */
export const auditable = new Set<string>(['Not Yet Achieved', 'Ready to be Requested']);

export interface Qualification {
  id: string;
  code: string;
  title: string;
}

export interface QualificationEnrolment {
  id: string;
  learner: { id: string; fullName: string; email: string };
  qualification: Qualification;
  status: EnrolmentStatus;
  requirementsMetAt: string | null;
}

/** How the audit used a unit's latest result (domain/qualifications/audit.ts). */
export interface AuditedUnit {
  unitCode: string;
  outcome: string;
  outcomeMeaning: string;
  date: string;
  place: 'core' | 'group' | 'listed' | 'imported';
  group: string | null;
  counted: 'core' | 'elective' | 'extra elective' | 'over group maximum' | 'over imported maximum' | 'not achieved';
}

export interface AuditResult {
  status: 'Ready to be Requested' | 'Not Yet Achieved';
  achieved: boolean;
  coreRequired: number;
  coreMissing: string[];
  electivesAchieved: number;
  electivesRequired: number;
  groupShortfalls: Array<{ group: string; needed: number; have: number }>;
  importedCounted: number;
  reasons: string[];
  requirementsMetOn: string | null;
  units: AuditedUnit[];
}

/** A register row, as much of it as a qualification enrolment's row shows. */
export interface EnrolmentCredential {
  id: string;
  number: string;
  status: string;
  type: string;
  template: { id: string; name: string; version: number };
  source: { kind: 'course' | 'qualification'; enrolmentId: string };
}

export interface EnrolmentFilters {
  status?: string;
  qualificationId?: string;
  page: number;
}

export const pageSize = 50;
const keys = {
  all: ['qualification-enrolments'] as const,
  list: (filters: EnrolmentFilters) => ['qualification-enrolments', 'list', filters] as const,
  audit: (id: string) => ['qualification-enrolments', id, 'audit'] as const,
  credentials: (id: string) => ['qualification-enrolments', id, 'credentials'] as const,
};

export function useQualifications() {
  return useQuery({
    queryKey: ['qualifications'],
    queryFn: () => api.get<Page<Qualification>>('/qualifications', { pageSize: 500 }),
    staleTime: 60_000,
  });
}

export function useQualificationEnrolments(filters: EnrolmentFilters) {
  return useQuery({
    queryKey: keys.list(filters),
    queryFn: () => api.get<Page<QualificationEnrolment>>('/qualification-enrolments', { ...filters, pageSize }),
  });
}

/** The audit as the results stand (read only: the status stays as the last applied audit left it). */
export function useAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.audit(id),
    queryFn: () => api.get<AuditResult>(`/qualification-enrolments/${id}/audit`),
    enabled,
  });
}

/** The credentials of one enrolment: the learner's register for the qualification, this enrolment's rows. */
export function useEnrolmentCredentials(enrolment: QualificationEnrolment) {
  return useQuery({
    queryKey: keys.credentials(enrolment.id),
    queryFn: async () => {
      const page = await api.get<Page<EnrolmentCredential>>(`/learners/${enrolment.learner.id}/credentials`, {
        qualificationId: enrolment.qualification.id,
        pageSize: 100,
      });
      return page.items.filter((c) => c.source.kind === 'qualification' && c.source.enrolmentId === enrolment.id);
    },
  });
}

/** Everything on this screen: after an audit or a request, statuses, audits and credentials may all have moved. */
export function useRefreshEnrolments() {
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: keys.all }), [queryClient]);
}

export function useAuditEnrolment() {
  const queryClient = useQueryClient();
  const refresh = useRefreshEnrolments();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<AuditResult & { enrolment: QualificationEnrolment }>(`/qualification-enrolments/${id}/audit`),
    onSuccess: ({ enrolment, ...audit }) => {
      queryClient.setQueryData(keys.audit(enrolment.id), audit);
      refresh();
    },
  });
}

export function useAuditQualification() {
  return useMutation({
    mutationFn: (qualificationId: string) =>
      api.post<{ bulkRunId: string }>(`/qualifications/${qualificationId}/audit`),
  });
}

export function useRequestCredential() {
  const refresh = useRefreshEnrolments();
  return useMutation({
    mutationFn: ({ enrolmentId, request }: { enrolmentId: string; request: CredentialRequest }) =>
      api.post<{ id: string; number: string; status: string }>(
        `/qualification-enrolments/${enrolmentId}/credentials`,
        request,
      ),
    onSuccess: () => refresh(),
  });
}

export function useRequestCredentials() {
  return useMutation({
    mutationFn: (body: CredentialRequest & { enrolmentIds: string[] }) =>
      api.post<{ bulkRunId: string }>('/qualification-enrolments/credential-requests', body),
  });
}
