import { AsyncLocalStorage } from 'node:async_hooks';
import { CredentialWorkflows } from '../../apps/api/credentials/credential-workflows';
import type { TemporalClient } from '../../apps/api/temporal/temporal-client';
import { loadConfig } from '../../apps/config';

describe('CredentialWorkflows.startGenerationSoon', () => {
  it("starts outside the request's async context, so a slow start does not keep the request's state alive", async () => {
    // Stands in for the ORM's request context (an AsyncLocalStorage holding the request's identity map).
    const requestState = new AsyncLocalStorage<{ request: string }>();
    const seenInStart: unknown[] = [];
    const temporal = {
      client: {
        workflow: {
          start: async () => {
            seenInStart.push(requestState.getStore());
            return {};
          },
        },
      },
    } as unknown as TemporalClient;
    const sut = new CredentialWorkflows(temporal, loadConfig({}));

    requestState.run({ request: 'POST /course-enrolments/e-1/credentials' }, () => {
      sut.startGenerationSoon({
        id: 'c-1',
        number: '0000001',
        status: 'Requested',
        templateId: 't-1',
        courseOfferId: 'o-1',
        qualificationCode: null,
      });
    });
    await sut.beforeApplicationShutdown();
    expect(seenInStart).toEqual([undefined]);
  });
});
