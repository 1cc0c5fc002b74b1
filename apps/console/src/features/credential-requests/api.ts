import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';

export interface TemplateSummary {
  id: string;
  name: string;
  type: string;
  appliesTo: 'course' | 'qualification' | 'both';
  kind: 'builtin' | 'custom';
  version: number;
}

export interface IssuingOfficer {
  id: string;
  name: string;
  position: string;
}

/** What a request for a credential carries (API.md, Credentials). */
export interface CredentialRequest {
  templateId: string;
  credentialDate: string;
  issuingOfficerId?: string;
  statusReason?: string;
}

export function useTemplates(appliesTo?: 'course' | 'qualification') {
  return useQuery({
    queryKey: ['credential-templates', { appliesTo }],
    queryFn: () => api.get<Page<TemplateSummary>>('/credential-templates', { appliesTo, pageSize: 500 }),
  });
}

export function useIssuingOfficers() {
  return useQuery({
    queryKey: ['issuing-officers'],
    queryFn: () => api.get<Page<IssuingOfficer>>('/issuing-officers', { pageSize: 500 }),
  });
}
