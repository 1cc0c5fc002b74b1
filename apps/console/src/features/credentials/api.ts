import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface HistoryEvent {
  at: string;
  event: string;
  actor: string;
  actorKeyId?: string | null;
  detail: Record<string, unknown> | null;
}

export interface DocumentVersion {
  version: number;
  sha256: string;
  bytes: number;
  generatedAt: string;
  templateVersion: number;
}

/** One email send of the credential, with its delivery status (the Resend webhook updates it). */
export interface EmailMessage {
  id: string;
  sendNumber: number;
  to: string;
  status: string;
  documentVersion: number;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
  error: string | null;
}

/** What a credential and a row of the register both begin with. */
export interface CredentialHead {
  id: string;
  number: string;
  status: string;
  type: string;
  template: { id: string; name: string; version: number };
  credentialDate: string;
  emailStatus: string;
  printedAt: string | null;
  issuedAt: string | null;
  practice?: boolean;
}

/** GET /credentials/:id with the console's additions (documents, emails, practice, workflowUrl). */
export interface Credential extends CredentialHead {
  issuingOfficer: { id: string; name: string; position: string } | null;
  statusReason: string | null;
  learner: { id: string; fullName: string; email: string };
  source: { kind: 'course' | 'qualification'; enrolmentId: string };
  document: DocumentVersion | null;
  /** Every document version, newest first. */
  documents: DocumentVersion[];
  /** Every email send, newest first. */
  emails: EmailMessage[];
  generationError: string | null;
  cancelledAt: string | null;
  deletedAt: string | null;
  emailedAt: string | null;
  replaces: string | null;
  replacedBy: string | null;
  verificationUrl: string;
  workflowId: string;
  workflowUrl: string;
  history: HistoryEvent[];
}

/** Work the engine is still doing on the credential: the page reads it again until that settles. */
export const inFlight = (credential: Credential) =>
  ['Requested', 'Generating'].includes(credential.status) || credential.emailStatus === 'Sending';

/**
 * One credential, read again every second while work is in flight or `waitFor` says the page awaits something
 * (after Regenerate: the new document version).
 */
export function useCredential(id: string, waitFor?: (credential: Credential) => boolean) {
  return useQuery({
    queryKey: ['credential', id],
    queryFn: () => api.get<Credential>(`/credentials/${id}`),
    refetchInterval: (query) => {
      const credential = query.state.data;
      if (!credential) return false;
      return inFlight(credential) || waitFor?.(credential) ? 1000 : false;
    },
  });
}

/** A short-lived signed link to the credential's PDF (a version, or the newest), to open in a tab without the key. */
export async function previewLink(id: string, version?: number): Promise<string> {
  const { url } = await api.post<{ url: string; expiresAt: string }>(
    `/credentials/${id}/preview-link`,
    version ? { version } : {},
  );
  return new URL(url, window.location.origin).href;
}

export type ActionKind = 'regenerate' | 'issue' | 'print' | 'email' | 'cancel' | 'delete';

/**
 * When each action may be taken (the lifecycle table of domain/credentials/lifecycle.ts, which the API enforces): the
 * page offers only what the status allows and says why the rest is missing.
 */
const allowed: Record<ActionKind, { from: string[]; because: string }> = {
  regenerate: {
    from: ['Requested', 'Generated', 'GenerationFailed'],
    because: 'issued credentials are never regenerated: cancel it and request a replacement',
  },
  issue: { from: ['Generated'], because: 'only a Generated credential can be issued' },
  print: { from: ['Generated', 'Issued'], because: 'only a Generated or Issued credential can be printed' },
  email: { from: ['Issued'], because: 'only an issued credential can be emailed' },
  cancel: {
    from: ['Requested', 'Generating', 'Generated', 'GenerationFailed', 'Issued'],
    because: 'it is already cancelled',
  },
  delete: {
    from: ['Requested', 'Generated', 'GenerationFailed'],
    because: 'issued credentials stay on the register for good: cancel it instead',
  },
};

/** Why `action` cannot be taken now, or null when it can. */
export function unavailable(action: ActionKind, credential: Credential): string | null {
  if (credential.deletedAt) return 'the credential was deleted';
  const rule = allowed[action];
  if (rule.from.includes(credential.status)) return null;
  if (credential.status === 'Cancelled') return 'it is cancelled';
  if (credential.status === 'Generating') return 'its document is being generated';
  return rule.because;
}

/** The qualification enrolment a credential came from: its qualification and status. */
export function useQualificationEnrolment(id: string | undefined) {
  return useQuery({
    queryKey: ['qualification-enrolment', id],
    queryFn: () =>
      api.get<{ id: string; status: string; qualification: { id: string; code: string; title: string } }>(
        `/qualification-enrolments/${id}`,
      ),
    enabled: Boolean(id),
  });
}
