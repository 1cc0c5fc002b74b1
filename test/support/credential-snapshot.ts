import type { CredentialSnapshot, SnapshotUnit } from '../../domain/credentials/snapshot';
import { builtinTemplates, type BuiltinKey } from '../../domain/templates/builtins';

/** A unit result for a snapshot. */
export function unit(code: string, title: string, outcome: string, date: string): SnapshotUnit {
  const labels: Record<string, [string, boolean]> = {
    '20': ['Competency achieved/pass', true],
    '30': ['Competency not achieved/fail', false],
    '51': ['Recognition of prior learning granted', true],
    '60': ['Credit transfer/national recognition', true],
    '70': ['Continuing enrolment', false],
  };
  const [outcomeLabel, achieved] = labels[outcome] ?? ['unknown outcome identifier', false];
  return { code, title, outcome, outcomeLabel, achieved, date };
}

/** Merge data for a qualification credential of the given built-in, with a few units; override what a test needs. */
export function qualificationSnapshot(
  key: BuiltinKey,
  overrides: Partial<CredentialSnapshot> = {},
): CredentialSnapshot {
  const template = builtinTemplates.find((t) => t.key === key)!;
  return {
    credential: {
      id: 'c-1',
      number: '2026-000321',
      type: template.type,
      credentialDate: '2026-11-27',
      verificationUrl: 'https://certs.example.edu.au/verify/QWERTYUPASDFGHJKZXCV',
    },
    template: { id: template.id, builtinKey: key, version: 1 },
    organisation: { name: 'Harbourside Institute of Technology', rtoCode: '40123', logoSha256: null },
    learner: {
      givenName: 'Priya',
      middleName: null,
      familyName: 'Raman',
      fullName: 'Priya Raman',
    },
    course: null,
    qualification: { code: 'BSB50420', title: 'Diploma of Leadership and Management' },
    units: [
      unit('BSBCMM511', 'Communicate with influence', '20', '2026-03-14'),
      unit('BSBCRT511', 'Develop critical thinking in others', '51', '2026-04-02'),
      unit('BSBLDR523', 'Lead and manage effective workplace relationships', '60', '2026-05-20'),
      unit('BSBOPS502', 'Manage business operational plans', '30', '2026-06-11'),
      unit('BSBPEF502', 'Develop and use emotional intelligence', '70', '2026-07-01'),
    ],
    issuingOfficer: { id: 'o-1', name: 'Dana Whitfield', position: 'Head of Quality', signatureSha256: null },
    ...overrides,
  };
}

/** Merge data for a course credential (certificate of completion by default). */
export function courseSnapshot(
  key: BuiltinKey = 'certificate-of-completion',
  overrides: Partial<CredentialSnapshot> = {},
): CredentialSnapshot {
  return qualificationSnapshot(key, {
    qualification: null,
    units: [],
    course: {
      code: 'HLTAID011',
      name: 'Provide First Aid',
      startDate: '2026-10-01',
      endDate: '2026-10-02',
      completionDate: '2026-10-02',
    },
    ...overrides,
  });
}
