/**
 * What the harness scripts ask of the system, through the HTTP API: reference data, bulk runs, and waiting for them.
 */
import { randomBytes } from 'node:crypto';
import { inPool, sleep, type ApiClient } from './api-client';
import type { Say } from './stack';
import { learnerName } from './names';

export const certificateOfCompletion = '00000000-0000-4000-8000-000000000004';

/** Sets the organisation up unless the database already has one (a shared DATABASE_URL keeps its own). */
export async function ensureOrganisation(api: ApiClient): Promise<void> {
  const current = await api.call('GET', '/organisation');
  if (current.status === 200) return;
  await api.expect(200, 'PUT', '/organisation', { name: 'Harness Training Institute', rtoCode: '91234' });
}

/**
 * A new course and offer with `count` learners, each enrolled and Completed, created through the API with
 * `concurrency` requests in flight. Returns the enrolment ids in creation order.
 */
export async function createCompletedEnrolments(
  api: ApiClient,
  count: number,
  say: Say,
  concurrency = 16,
): Promise<{ offerId: string; enrolmentIds: string[] }> {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const course = await api.expect(201, 'POST', '/courses', { code: `H-${tag}`, name: 'Provide First Aid' });
  const offer = await api.expect(201, 'POST', '/course-offers', {
    courseId: course.id,
    startDate: '2026-10-01',
    endDate: '2026-10-31',
    location: 'Melbourne',
  });
  const started = performance.now();
  let done = 0;
  let lastSaid = started;
  const enrolmentIds = await inPool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const learner = await api.expect(201, 'POST', '/learners', {
        ...learnerName(i),
        dateOfBirth: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
        email: `learner${i + 1}.${tag.toLowerCase()}@example.com`,
        usiVerified: true,
      });
      const enrolment = await api.expect(201, 'POST', `/course-offers/${offer.id}/enrolments`, {
        learnerId: learner.id,
        status: 'Completed',
        completionDate: '2026-10-31',
      });
      done++;
      if (performance.now() - lastSaid > 3000) {
        lastSaid = performance.now();
        say(`  ${done}/${count} learners enrolled`);
      }
      return enrolment.id as string;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  say(
    `  ${count} learners with completed enrolments in ${seconds.toFixed(1)} s (${((2 * count) / seconds).toFixed(0)} requests/s)`,
  );
  return { offerId: offer.id as string, enrolmentIds };
}

export interface BulkRun {
  id: string;
  action: string;
  status: 'Running' | 'Completed';
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  failures: Array<{ targetId: string; credentialId?: string | null; message: string }>;
  workflowId?: string;
}

export class RunTimeoutError extends Error {
  constructor(
    readonly run: BulkRun | null,
    timeoutMs: number,
  ) {
    super(
      `bulk run ${run?.id ?? '?'} did not complete within ${Math.round(timeoutMs / 1000)} s: ${run ? `${run.succeeded} succeeded, ${run.failed} failed, ${run.pending} pending` : 'never answered'}`,
    );
    this.name = 'RunTimeoutError';
  }
}

export interface WaitOptions {
  label: string;
  say: Say;
  timeoutMs: number;
  pollMs?: number;
  /** Called after every answered poll; the poll waits for it (the chaos script disrupts the system here). */
  onProgress?: (run: BulkRun) => Promise<void>;
  /** True once the caller is shutting down: the wait ends with an error. */
  cancelled?: () => boolean;
}

/**
 * Polls GET /bulk-runs/:id until Completed, printing progress every few seconds. Errors while polling (the API cut off
 * from a restarting database, say) are reported and polled through; the timeout bounds the whole wait.
 */
export async function waitForRun(api: ApiClient, runId: string, options: WaitOptions): Promise<BulkRun> {
  const started = performance.now();
  const deadline = Date.now() + options.timeoutMs;
  let last: BulkRun | null = null;
  let lastSaid = 0;
  let lastDone = -1;
  let failingSince: number | null = null;
  for (;;) {
    if (options.cancelled?.()) throw new Error(`stopped waiting for bulk run ${runId}`);
    try {
      const answer = await api.call<BulkRun>('GET', `/bulk-runs/${runId}`, undefined, 10_000);
      if (answer.status !== 200)
        throw new Error(
          `GET /bulk-runs/${runId} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
      if (failingSince !== null)
        options.say(
          `  ${options.label}: the API answers again after ${((Date.now() - failingSince) / 1000).toFixed(1)} s`,
        );
      failingSince = null;
      last = answer.body;
      const elapsed = (performance.now() - started) / 1000;
      const done = last.succeeded + last.failed;
      // A line every 3 s while items finish, every 15 s while nothing moves.
      const quiet = performance.now() - lastSaid;
      if (last.status === 'Completed' || (done !== lastDone && quiet > 3000) || quiet > 15_000) {
        lastSaid = performance.now();
        lastDone = done;
        options.say(
          `  ${options.label}: ${last.succeeded}/${last.total} succeeded, ${last.failed} failed, ${last.pending} pending, ${last.status} (${elapsed.toFixed(1)} s, ${(done / Math.max(elapsed, 0.001)).toFixed(1)}/s)`,
        );
      }
      if (last.status === 'Completed') return last;
      await options.onProgress?.(last);
    } catch (err) {
      if (failingSince === null) {
        failingSince = Date.now();
        options.say(
          `  ${options.label}: polling failed (${err instanceof Error ? err.message : String(err)}); polling on`,
        );
      }
    }
    if (Date.now() > deadline) throw new RunTimeoutError(last, options.timeoutMs);
    await sleep(options.pollMs ?? 250);
  }
}
