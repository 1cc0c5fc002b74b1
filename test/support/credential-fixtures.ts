import { certificateOfCompletion, expectStatus } from './fixtures';
import { eventually, type RunningSystem } from './system';

export interface RequestedCredential {
  id: string;
  number: string;
}

/** A certificate of completion (or `templateId`) requested for each enrolment, once all are Generated. */
export async function generatedCredentials(
  system: RunningSystem,
  enrolments: Array<{ id: string }>,
  options: { templateId?: string; credentialDate?: string } = {},
): Promise<RequestedCredential[]> {
  const credentials: RequestedCredential[] = [];
  for (const enrolment of enrolments) {
    credentials.push(
      expectStatus(
        await system.call('POST', `/course-enrolments/${enrolment.id}/credentials`, {
          body: {
            templateId: options.templateId ?? certificateOfCompletion,
            credentialDate: options.credentialDate ?? '2026-11-20',
          },
        }),
        202,
      ),
    );
  }
  await eventually(
    async () => {
      for (const { id } of credentials) {
        if ((await system.call('GET', `/credentials/${id}`)).body.status !== 'Generated') return undefined;
      }
      return true;
    },
    90_000,
    'the credentials to be Generated',
  );
  return credentials;
}

/**
 * A new API key of `role` named `name` (the name a credential's history gives its actions). Key names are unique and
 * every test file shares one database: give each file's people names of their own.
 */
export async function apiKey(system: RunningSystem, name: string, role: string): Promise<string> {
  return expectStatus(await system.call('POST', '/api-keys', { body: { name, role } }), 201).key;
}
