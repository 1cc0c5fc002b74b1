import type { Credential } from '../../domain/entities';
import type { CredentialStatus } from '../../domain/credentials/lifecycle';
import { sql } from './db';

/**
 * A credential as a request that read it with `status` delivers it to its workflow: the API passes the status it read
 * into a new run's start, so a read taken before another request's change starts a run that does not know of it.
 */
export function readAs(
  view: { id: string; number: string; template: { id: string; name: string } },
  status: CredentialStatus,
): Credential {
  return {
    id: view.id,
    number: view.number,
    status,
    template: view.template,
    deletedAt: null,
  } as unknown as Credential;
}

/** A cancel's reason saved as the API saves it (the workflow is handed its id). */
export async function savedReason(reason: string): Promise<string> {
  const [input] = await sql(
    `insert into action_input (id, created_at, updated_at, reason) values (gen_random_uuid(), now(), now(), $1)
     returning id`,
    [reason],
  );
  return input!.id;
}
