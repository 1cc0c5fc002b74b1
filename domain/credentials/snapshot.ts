/**
 * Everything a template prints, captured when a document is rendered and stored beside it. Two renders with equal
 * snapshots print the same data, which is how a data fix finds the credentials it affects.
 */
export interface CredentialSnapshot {
  credential: { id: string; number: string; type: string; credentialDate: string; verificationUrl: string };
  template: { id: string; builtinKey: string | null; version: number };
  organisation: { name: string; rtoCode: string; logoSha256: string | null };
  learner: { givenName: string; middleName: string | null; familyName: string; fullName: string; dateOfBirth: string };
  course: { code: string; name: string; startDate: string; endDate: string; completionDate: string | null } | null;
  qualification: { code: string; title: string } | null;
  issuingOfficer: { id: string; name: string; position: string; signatureSha256: string | null } | null;
}
