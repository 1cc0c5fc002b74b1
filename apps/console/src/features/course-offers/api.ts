import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import type { CredentialRequest } from '../credential-requests/api';

export interface CourseOffer {
  id: string;
  course: { id: string; code: string; name: string };
  startDate: string;
  endDate: string;
  location: string | null;
  practice: boolean;
  enrolmentCount: number;
}

export interface EnrolmentCredential {
  id: string;
  number: string;
  status: string;
  templateId: string;
  templateName: string;
}

/** One row of an offer's Enrolments: whether a credential can be requested now, and if not, why (`notReady`). */
export interface OfferEnrolment {
  id: string;
  status: string;
  completionDate: string | null;
  practice?: boolean;
  learner: { id: string; fullName: string; usiVerified: boolean };
  credentials: EnrolmentCredential[];
  canRequest: boolean;
  notReady: string[];
}

/** GET /course-enrolments/:id */
export interface CourseEnrolment {
  id: string;
  courseOfferId: string;
  status: string;
  completionDate: string | null;
  learner: { id: string; fullName: string; email?: string };
}

/** A Credential Register row, as much of it as an enrolment's Credentials list shows. */
export interface RegisterCredential {
  id: string;
  number: string;
  status: string;
  credentialDate: string;
  template: { id: string; name: string; version: number };
  source: { kind: 'course' | 'qualification'; enrolmentId: string };
  practice?: boolean;
}

export interface RequestedCredential {
  id: string;
  number: string;
  status: string;
}

const offerKeys = {
  all: ['course-offers'] as const,
  list: (page: number) => ['course-offers', 'list', page] as const,
  one: (id: string) => ['course-offers', id] as const,
  enrolments: (id: string) => ['course-offers', id, 'enrolments'] as const,
};

export function useCourseOffers(page: number) {
  return useQuery({
    queryKey: offerKeys.list(page),
    queryFn: () => api.get<Page<CourseOffer>>('/course-offers', { page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function useCourseOffer(id: string | undefined) {
  return useQuery({
    queryKey: offerKeys.one(id ?? ''),
    queryFn: () => api.get<CourseOffer>(`/course-offers/${id}`),
    enabled: Boolean(id),
  });
}

/** An offer's enrolments; with a template, `notReady` also gives that template's reasons (USI, an active one). */
export function useOfferEnrolments(offerId: string, page: number, templateId?: string) {
  return useQuery({
    queryKey: [...offerKeys.enrolments(offerId), { page, templateId }],
    queryFn: () =>
      api.get<Page<OfferEnrolment>>(`/course-offers/${offerId}/enrolments`, {
        page,
        pageSize: 100,
        templateId,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePracticeOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ courseOffer: CourseOffer; enrolments: unknown[] }>('/practice/course-offers', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: offerKeys.all }),
  });
}

export function useRemoveOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/course-offers/${id}`),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: offerKeys.one(id) });
      return queryClient.invalidateQueries({ queryKey: offerKeys.all });
    },
  });
}

/** The bulk request from an offer's Enrolments: one run for the ticked enrolments. */
export function useRequestForOffer(offerId: string) {
  return useMutation({
    mutationFn: (request: CredentialRequest & { enrolmentIds: string[] }) =>
      api.post<{ bulkRunId: string }>(`/course-offers/${offerId}/credential-requests`, request),
  });
}

/** Called when a run on the offer ends: its enrolments now have credentials. */
export function useRefreshOffer(offerId: string) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: offerKeys.one(offerId) }), [queryClient, offerId]);
}

export function useCourseEnrolment(id: string) {
  return useQuery({
    queryKey: ['course-enrolments', id],
    queryFn: () => api.get<CourseEnrolment>(`/course-enrolments/${id}`),
  });
}

const enrolmentCredentialsKey = (id: string) => ['course-enrolments', id, 'credentials'] as const;

/**
 * A course enrolment's credentials: the register scoped to its learner and offer, kept to this enrolment. Polled
 * while one is still being generated, so a new credential is followed until Generated (or GenerationFailed).
 */
export function useEnrolmentCredentials(enrolment: CourseEnrolment | undefined) {
  return useQuery({
    queryKey: enrolmentCredentialsKey(enrolment?.id ?? ''),
    enabled: Boolean(enrolment),
    queryFn: async () => {
      const page = await api.get<Page<RegisterCredential>>('/credentials', {
        learnerId: enrolment!.learner.id,
        courseOfferId: enrolment!.courseOfferId,
        pageSize: 500,
      });
      return page.items.filter((item) => item.source.kind === 'course' && item.source.enrolmentId === enrolment!.id);
    },
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'Requested') ? 1000 : false),
  });
}

export function useRequestForEnrolment(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CredentialRequest) =>
      api.post<RequestedCredential>(`/course-enrolments/${enrolmentId}/credentials`, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrolmentCredentialsKey(enrolmentId) }),
  });
}
