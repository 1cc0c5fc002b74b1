/**
 * Everything a template prints, captured when a document is rendered and stored beside it. Two renders with equal
 * snapshots print the same data, which is how a data fix finds the credentials it affects.
 */
export interface CredentialSnapshot {
  credential: { id: string; number: string; type: string; credentialDate: string; verificationUrl: string };
  template: { id: string; builtinKey: string | null; version: number };
  organisation: { name: string; rtoCode: string; logoSha256: string | null };
  /** No date of birth: no template prints it (documents rendered before it left carry it in their stored snapshot). */
  learner: { givenName: string; middleName: string | null; familyName: string; fullName: string };
  course: { code: string; name: string; startDate: string; endDate: string; completionDate: string | null } | null;
  qualification: { code: string; title: string } | null;
  /**
   * A qualification enrolment's units, each by its latest result (core first, then electives); empty for course
   * credentials. Statements of attainment print the achieved ones, records of results all of them.
   */
  units: SnapshotUnit[];
  issuingOfficer: { id: string; name: string; position: string; signatureSha256: string | null } | null;
}

export interface SnapshotUnit {
  code: string;
  title: string;
  /** AVETMISS outcome identifier, e.g. "20". */
  outcome: string;
  /** What the outcome means, e.g. "Competency achieved/pass". */
  outcomeLabel: string;
  /** 20, 51 and 60 only: the learner holds the unit. */
  achieved: boolean;
  /** YYYY-MM-DD, the date of the outcome. */
  date: string;
}
