import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client } from '@temporalio/client';
import { WorkflowsClient } from '../../temporal/client';

const credential = {
  id: 'c-1',
  number: '0000001',
  status: 'Requested' as const,
  templateId: 't-1',
  templateName: 'Certificate of Completion',
  courseOfferId: 'o-1',
  qualificationCode: null,
};

describe('WorkflowsClient.startCredentialGenerationSoon', () => {
  it("starts outside the request's async context, so a slow start does not keep the request's state alive", async () => {
    // Stands in for the ORM's request context (an AsyncLocalStorage holding the request's identity map).
    const requestState = new AsyncLocalStorage<{ request: string }>();
    const seenInStart: unknown[] = [];
    const client = {
      workflow: {
        start: async () => {
          seenInStart.push(requestState.getStore());
          return {};
        },
      },
    } as unknown as Client;
    const sut = new WorkflowsClient(client);

    requestState.run({ request: 'POST /course-enrolments/e-1/credentials' }, () => {
      sut.startCredentialGenerationSoon(credential, () => undefined);
    });
    await sut.stopStarting(1000);
    expect(seenInStart).toEqual([undefined]);
  });

  it('retries a failed start, and once stopping gives up and says why', async () => {
    let attempts = 0;
    let retried!: () => void;
    const secondAttempt = new Promise<void>((resolve) => (retried = resolve));
    const client = {
      workflow: {
        start: async () => {
          if (++attempts === 2) retried();
          throw new Error('Temporal is away');
        },
      },
    } as unknown as Client;
    const sut = new WorkflowsClient(client);
    const gaveUp = new Promise<unknown>((resolve) => sut.startCredentialGenerationSoon(credential, resolve));
    // Once the first retry (after 250 ms) has been made, stopping lets at most the one already waiting start.
    await secondAttempt;
    await sut.stopStarting(2000);
    expect(((await gaveUp) as Error).message).toBe('Temporal is away');
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(3);
  });
});
