import type { EntityManager, FindOneOptions, Loaded } from '@mikro-orm/postgresql';
import { Credential } from '../domain/entities';
import { invalidState } from '../temporal/failures';

/**
 * A credential that no longer exists: removed with its practice course offer (DELETE /course-offers/:id), which
 * terminates its workflows first. A step that still asks for it fails at once, never retried: retrying cannot bring
 * the row back.
 */
export function credentialGone(credentialId: string) {
  return invalidState(`Credential ${credentialId} no longer exists (removed with its practice course offer)`);
}

/** The credential, or the non-retryable credentialGone failure. */
export async function existingCredential<P extends string = never>(
  em: EntityManager,
  credentialId: string,
  options?: FindOneOptions<Credential, P>,
): Promise<Loaded<Credential, P>> {
  const credential = await em.findOne(Credential, { id: credentialId }, options);
  if (!credential) throw credentialGone(credentialId);
  return credential;
}
