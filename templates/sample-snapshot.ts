import type { CredentialSnapshot, SnapshotUnit } from '../domain/credentials/snapshot';

const sampleUnits: Array<[string, string]> = [
  ['BSBCMM511', 'Communicate with influence'],
  ['BSBCRT511', 'Develop critical thinking in others'],
  ['BSBLDR523', 'Lead and manage effective workplace relationships'],
  ['BSBOPS502', 'Manage business operational plans'],
  ['BSBPEF502', 'Develop and use emotional intelligence'],
  ['BSBTWK502', 'Manage team effectiveness'],
  ['BSBLDR522', 'Manage people performance'],
  ['BSBOPS501', 'Manage business resources'],
  ['BSBOPS503', 'Develop administrative systems'],
  ['BSBOPS504', 'Manage business risk'],
  ['BSBSTR502', 'Facilitate continuous improvement'],
  ['BSBWHS521', 'Ensure a safe workplace for a work area'],
];

const outcomes: Array<[string, string, boolean]> = [
  ['20', 'Competency achieved/pass', true],
  ['51', 'Recognition of prior learning granted', true],
  ['60', 'Credit transfer/national recognition', true],
  ['30', 'Competency not achieved/fail', false],
];

/** `count` units with varied outcomes and dates; beyond the 12 real titles, numbered ones. */
export function sampleUnitResults(count = 12): SnapshotUnit[] {
  return Array.from({ length: count }, (_, i) => {
    const [code, title] = sampleUnits[i] ?? [
      `SMPUNT${String(i + 1).padStart(3, '0')}`,
      `Apply sample workplace skills, part ${i + 1}`,
    ];
    const [outcome, outcomeLabel, achieved] = outcomes[i % 7 === 6 ? 3 : i % 3]!;
    const day = String((i % 27) + 1).padStart(2, '0');
    return {
      code,
      title,
      outcome,
      outcomeLabel,
      achieved,
      date: `2026-${String((i % 9) + 1).padStart(2, '0')}-${day}`,
    };
  });
}

export interface SampleOptions {
  templateId: string;
  builtinKey: string | null;
  version: number;
  type?: string;
  organisation?: { name: string; rtoCode: string };
  verificationUrl?: string;
  learnerName?: { givenName: string; familyName: string };
  unitCount?: number;
}

/**
 * Made-up merge data with every field filled (a course and a qualification, units, an issuing officer), for
 * previews and benchmarks. The names say they are samples.
 */
export function sampleSnapshot(options: SampleOptions): CredentialSnapshot {
  const { givenName, familyName } = options.learnerName ?? { givenName: 'Alex', familyName: 'Sample' };
  return {
    credential: {
      id: '00000000-0000-4000-8000-00000000aaaa',
      number: 'SAMPLE-000001',
      type: options.type ?? 'Certificate',
      credentialDate: '2026-11-30',
      verificationUrl: options.verificationUrl ?? 'http://localhost:3000/verify/SAMPLE',
    },
    template: { id: options.templateId, builtinKey: options.builtinKey, version: options.version },
    organisation: {
      ...(options.organisation ?? { name: 'Sample Training Organisation', rtoCode: '00000' }),
      logoSha256: null,
    },
    learner: {
      givenName,
      middleName: null,
      familyName,
      fullName: `${givenName} ${familyName}`,
    },
    course: {
      code: 'SAMPLE-101',
      name: 'Sample Course in Workplace Safety',
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      completionDate: '2026-10-09',
    },
    qualification: { code: 'BSB50420', title: 'Diploma of Leadership and Management' },
    units: sampleUnitResults(options.unitCount ?? 12),
    issuingOfficer: {
      id: '00000000-0000-4000-8000-00000000bbbb',
      name: 'Sam Signer',
      position: 'Chief Executive Officer',
      signatureSha256: null,
    },
  };
}
