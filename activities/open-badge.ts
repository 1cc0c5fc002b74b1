import { randomBytes, randomInt } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Credential, CredentialEvent, DocumentVersion } from '../domain/entities';
import { buildOpenBadge } from '../domain/open-badges/build';
import { statusListLength, verificationMethodId } from '../domain/open-badges/issuer';
import { registerIssuerKey } from '../domain/open-badges/issuer-keys';
import { signCredential } from '../domain/open-badges/sign';
import type { SigningKey } from '../domain/open-badges/signing-key';
import { statusListEntry } from '../domain/open-badges/status-list';

/**
 * Signing an issued credential as an Open Badges 3.0 credential: a step of the credential's workflow right after
 * issue. The signed JSON is stored in PostgreSQL (open_badge), never carried through Temporal. Idempotent: a
 * credential has at most one badge (unique credential_id), so a retried step, or a retried issue, never signs twice.
 */
export function createOpenBadgeActivities({
  orm,
  publicBaseUrl,
  signingKey,
}: {
  orm: MikroORM;
  publicBaseUrl: string;
  signingKey: SigningKey;
}) {
  let keyRegistered: Promise<void> | null = null;
  const registerKey = () =>
    (keyRegistered ??= registerIssuerKey(orm.em.fork(), signingKey).catch((err: unknown) => {
      keyRegistered = null;
      throw err;
    }));

  /**
   * A free revocation bit, chosen at random (the status list's herd privacy) among `lists` lists; lists grow as they
   * fill past half.
   */
  async function candidateIndex(lists: number): Promise<number> {
    const connection = orm.em.getConnection();
    for (;;) {
      const index = randomInt(0, lists * statusListLength);
      const taken = await connection.execute('select 1 from open_badge where status_list_index = ?', [index]);
      if (!taken.length) return index;
    }
  }

  /** How many lists there are for this signing: from the signings counted before it (a sequence, constant time). */
  async function statusLists(): Promise<number> {
    const [{ signing }] = (await orm.em
      .getConnection()
      .execute(`select nextval('open_badge_signings')::int as signing`)) as [{ signing: number }];
    return Math.floor((signing - 1) / (statusListLength / 2)) + 1;
  }

  return {
    async signOpenBadge({ credentialId }: { credentialId: string }): Promise<void> {
      const em = orm.em.fork();
      const connection = em.getConnection();
      const signed = () => connection.execute('select 1 from open_badge where credential_id = ?', [credentialId]);
      if ((await signed()).length) return;
      const credential = await em.findOne(
        Credential,
        { id: credentialId },
        { populate: ['learner', 'template', 'courseEnrolment.courseOffer'] },
      );
      // Only issued credentials are badges; a practice credential never verifies, so it is never signed either.
      if (!credential?.issuedAt || credential.deletedAt || credential.courseEnrolment?.courseOffer.practice) return;
      const document = await em.findOne(DocumentVersion, { credential, version: credential.documentVersion! });
      if (!document) return;
      await registerKey();
      const lists = await statusLists();
      for (let attempt = 0; attempt < 10; attempt++) {
        const statusListIndex = await candidateIndex(lists);
        let json: string;
        try {
          const badge = buildOpenBadge({
            snapshot: document.snapshot,
            templateName: credential.template.name,
            learnerEmail: credential.learner.email,
            salt: randomBytes(16).toString('hex'),
            publicBaseUrl,
            credentialStatus: statusListEntry(publicBaseUrl, statusListIndex),
          });
          json = JSON.stringify(await signCredential(badge, signingKey, publicBaseUrl), null, 2);
        } catch (err) {
          // A credential the libraries cannot sign is a defect to fix, not a reason to hold the issue: say so on the
          // credential's history (by its number, no personal data) and let the workflow go on.
          em.create(CredentialEvent, {
            credential,
            event: 'OpenBadgeFailed',
            actor: 'workflow',
            detail: { error: err instanceof Error ? err.message.slice(0, 500) : String(err) },
          });
          await em.flush();
          return;
        }
        // The badge and its history event in one statement: both or neither, in one round trip.
        const method = verificationMethodId(publicBaseUrl, signingKey.publicKeyMultibase);
        const now = new Date();
        const inserted = await connection.execute(
          `with badge as (
             insert into open_badge (id, created_at, updated_at, credential_id, status_list_index, verification_method, document)
             values (gen_random_uuid(), now(), now(), ?, ?, ?, ?) on conflict do nothing returning credential_id)
           insert into credential_event (id, created_at, updated_at, credential_id, event, actor, detail)
           select gen_random_uuid(), ?, ?, credential_id, 'OpenBadgeSigned', 'workflow', ?::jsonb from badge
           returning id`,
          [credentialId, statusListIndex, method, json, now, now, JSON.stringify({ verificationMethod: method })],
        );
        if (inserted.length) return;
        if ((await signed()).length) return; // another try of this step won the race
      }
      throw new Error(`No free revocation status index for credential ${credential.number} after 10 tries`);
    },
  };
}
