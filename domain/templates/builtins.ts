import type { CredentialType, TemplateAppliesTo } from '../entities/credential-template.entity';

export type BuiltinKey = 'testamur' | 'statement-of-attainment' | 'record-of-results' | 'certificate-of-completion';

export interface BuiltinTemplate {
  id: string;
  key: BuiltinKey;
  name: string;
  type: CredentialType;
  appliesTo: TemplateAppliesTo;
}

/** Fixed ids, so every installation (and every API client) knows the built-ins without looking them up. */
export const builtinTemplates: readonly BuiltinTemplate[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    key: 'testamur',
    name: 'Testamur',
    type: 'Certificate',
    appliesTo: 'qualification',
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    key: 'statement-of-attainment',
    name: 'Statement of Attainment',
    type: 'Statement',
    appliesTo: 'both',
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    key: 'record-of-results',
    name: 'Record of Results',
    type: 'Transcript',
    appliesTo: 'both',
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    key: 'certificate-of-completion',
    name: 'Certificate of Completion',
    type: 'Certificate',
    appliesTo: 'course',
  },
];

export const certificateOfCompletionId = '00000000-0000-4000-8000-000000000004';
