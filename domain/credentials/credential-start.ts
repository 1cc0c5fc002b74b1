import type { CredentialStatus } from './status';

/** What starting a credential's workflow needs: ids and codes for its search attributes, never personal data. */
export interface CredentialStart {
  id: string;
  status: CredentialStatus;
  templateId: string;
  courseOfferId: string | null;
  qualificationCode: string | null;
}

/** A recorded request: what starting its workflow needs, and its number. */
export interface RequestedCredential extends CredentialStart {
  number: string;
}
