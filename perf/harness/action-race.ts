/**
 * The same action on the same credential from two API processes at once: issue, then email (one Idempotency-Key,
 * as a client retrying on the other process would send), then cancel, for many credentials. Each action must happen
 * once, by PostgreSQL's history and the messages the fake Resend accepted, and every answer is a success or a refusal
 * that says why (409 with a message), never a 500 or a lost request. Of two issues or two cancels, exactly one
 * succeeds (the email's two requests share a key, so both may answer with the first one's 202).
 */
import { randomUUID } from 'node:crypto';
import { Client as Pg } from 'pg';
import { inPool, sleep, type Answer, type ApiClient } from './api-client';
import type { FakeResend } from '../../dev/fake-resend';

export interface RaceOutcome {
  credentials: number;
  /** Per action: credentials where it happened exactly once. */
  once: Record<RaceAction, number>;
  /** Per action: answers that refused it with a reason (the other process's request won). */
  refused: Record<RaceAction, number>;
  violations: string[];
}

type RaceAction = 'issue' | 'email' | 'cancel';

/** The history event each action writes once. */
const eventOf: Record<RaceAction, string> = { issue: 'Issued', email: 'EmailRequested', cancel: 'Cancelled' };

export async function raceActions(options: {
  apis: [ApiClient, ApiClient];
  databaseUrl: string;
  credentialIds: string[];
  fake: FakeResend;
  concurrency?: number;
}): Promise<RaceOutcome> {
  const { apis, credentialIds } = options;
  const outcome: RaceOutcome = {
    credentials: credentialIds.length,
    once: { issue: 0, email: 0, cancel: 0 },
    refused: { issue: 0, email: 0, cancel: 0 },
    violations: [],
  };
  const judge = (id: string, action: RaceAction, answers: Answer[]) => {
    const ok = action === 'email' ? 202 : 200;
    for (const a of answers) {
      if (a.status === ok) continue;
      if (a.status === 409 && typeof a.body?.message === 'string' && a.body.message.length > 0) {
        outcome.refused[action]++;
        continue;
      }
      outcome.violations.push(`${action} ${id}: answered ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
    }
    const succeeded = answers.filter((a) => a.status === ok).length;
    if (succeeded === 0) outcome.violations.push(`${action} ${id}: neither request succeeded`);
    // Two requests without a shared Idempotency-Key are two requests: the one that finds the work done is refused.
    if (succeeded > 1 && action !== 'email') outcome.violations.push(`${action} ${id}: both requests answered ${ok}`);
  };
  const both = (path: string, body: unknown, headers?: Record<string, string>) =>
    Promise.all(apis.map((api) => api.call('POST', path, body, 30_000, headers)));

  await inPool(credentialIds, options.concurrency ?? 5, async (id) => {
    judge(id, 'issue', await both(`/credentials/${id}/issue`, {}));
    judge(id, 'email', await both(`/credentials/${id}/email`, {}, { 'idempotency-key': `race-${randomUUID()}` }));
    // The send runs after the answer: cancelling waits for it, so the count of accepted messages is final.
    for (let i = 0; i < 120; i++) {
      const { body } = await apis[0].call('GET', `/credentials/${id}`);
      if (body?.emailStatus !== 'Sending') break;
      await sleep(500);
    }
    judge(id, 'cancel', await both(`/credentials/${id}/cancel`, { reason: `race ${id.slice(0, 8)}` }));
  });

  const db = new Pg({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ credential_id: string; event: string; times: number }>(
      `select credential_id, event, count(*)::int as times from credential_event
        where credential_id = any($1) and event = any($2) group by credential_id, event`,
      [credentialIds, Object.values(eventOf)],
    );
    const times = new Map(rows.map((r) => [`${r.credential_id} ${r.event}`, r.times]));
    const accepted = new Map<string, number>();
    for (const m of options.fake.messages) {
      const id = /^credential-([0-9a-f-]{36})-/.exec(m.idempotencyKey ?? '')?.[1];
      if (id) accepted.set(id, (accepted.get(id) ?? 0) + 1);
    }
    for (const id of credentialIds) {
      for (const action of ['issue', 'email', 'cancel'] as const) {
        const count = times.get(`${id} ${eventOf[action]}`) ?? 0;
        if (count === 1) outcome.once[action]++;
        else outcome.violations.push(`${action} ${id}: ${eventOf[action]} recorded ${count} times`);
      }
      if ((accepted.get(id) ?? 0) !== 1)
        outcome.violations.push(`email ${id}: the provider accepted ${accepted.get(id) ?? 0} messages`);
    }
  } finally {
    await db.end();
  }
  return outcome;
}
