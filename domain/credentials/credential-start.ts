import type { CredentialStatus } from './lifecycle';

/**
 * What starting a credential's workflow needs: ids and codes for its search attributes, and the number and template
 * name for its summary in the Temporal UI. Never personal data.
 */
export interface CredentialStart {
  id: string;
  number: string;
  status: CredentialStatus;
  templateId: string;
  templateName: string;
  courseOfferId: string | null;
  qualificationCode: string | null;
}
