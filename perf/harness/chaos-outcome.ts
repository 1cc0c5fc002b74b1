/**
 * What a chaos run came to, per enrolment of its course offer: from PostgreSQL (credentials, document versions, email
 * rows) and the messages the fake Resend accepted (matched to credentials by tag and idempotency key).
 */
import { Client as Pg } from 'pg';
import type { FakeResend } from '../../dev/fake-resend';
import { workflowIds } from '../../temporal/ids';

interface CredentialRow {
  enrolment_id: string;
  credential_id: string | null;
  number: string | null;
  status: string | null;
  document_version: number | null;
  email_status: string | null;
  documents: number;
  email_rows: number;
}

/** The figures, per enrolment of the offer, from PostgreSQL and the messages the fake Resend accepted. */
export async function countOutcome(databaseUrl: string, offerId: string, resend: FakeResend) {
  const db = new Pg({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<CredentialRow>(
      `select e.id as enrolment_id, c.id as credential_id, c.number, c.status, c.document_version, c.email_status,
              (select count(*)::int from document_version d where d.credential_id = c.id) as documents,
              (select count(*)::int from email_message m where m.credential_id = c.id) as email_rows
         from course_enrolment e left join credential c on c.course_enrolment_id = e.id
        where e.course_offer_id = $1`,
      [offerId],
    );
    // An accepted message names its email_message row in a tag; the idempotency key names the credential as well.
    const messageIds = resend.messages
      .map((m) => m.tags.find((t) => t.name === 'email_message_id')?.value)
      .filter((v): v is string => !!v);
    const { rows: owners } = await db.query<{ id: string; credential_id: string }>(
      'select id, credential_id from email_message where id = any($1::uuid[])',
      [messageIds],
    );
    const ownerOf = new Map(owners.map((o) => [o.id, o.credential_id]));
    const accepted = new Map<string, number>();
    const perKey = new Map<string, number>();
    for (const m of resend.messages) {
      const tag = m.tags.find((t) => t.name === 'email_message_id')?.value;
      const credentialId =
        (tag && ownerOf.get(tag)) ?? /^credential-([0-9a-f-]{36})-/.exec(m.idempotencyKey ?? '')?.[1];
      if (credentialId) accepted.set(credentialId, (accepted.get(credentialId) ?? 0) + 1);
      if (m.idempotencyKey) perKey.set(m.idempotencyKey, (perKey.get(m.idempotencyKey) ?? 0) + 1);
    }

    const byEnrolment = new Map<string, CredentialRow[]>();
    for (const row of rows) {
      const list = byEnrolment.get(row.enrolment_id) ?? [];
      if (row.credential_id) list.push(row);
      byEnrolment.set(row.enrolment_id, list);
    }
    const credentials = rows.filter((r) => r.credential_id);
    const ours = new Set(credentials.map((c) => c.credential_id!));
    const lostDetail = { noCredential: 0, notGenerated: 0, notIssued: 0, notEmailed: 0 };
    const examples: string[] = [];
    let lost = 0;
    for (const [enrolmentId, list] of byEnrolment) {
      const complete = list.some((c) => c.status === 'Issued' && (accepted.get(c.credential_id!) ?? 0) > 0);
      if (complete) continue;
      lost++;
      const c = list[0];
      if (!c) lostDetail.noCredential++;
      else if (!c.documents) lostDetail.notGenerated++;
      else if (c.status !== 'Issued') lostDetail.notIssued++;
      else lostDetail.notEmailed++;
      if (examples.length < 10) {
        examples.push(
          c
            ? `lost: enrolment ${enrolmentId}, credential ${c.credential_id} (${c.number}, workflow ${workflowIds.credential(c.credential_id!)}): status ${c.status}, documents ${c.documents}, emailStatus ${c.email_status}, accepted emails ${accepted.get(c.credential_id!) ?? 0}`
            : `lost: enrolment ${enrolmentId} has no credential`,
        );
      }
    }
    const duplicateCredentials = [...byEnrolment.values()].filter((list) => list.length > 1).length;
    for (const [enrolmentId, list] of byEnrolment) {
      if (list.length > 1 && examples.length < 20)
        examples.push(
          `duplicate: enrolment ${enrolmentId} has credentials ${list.map((c) => `${c.credential_id} (${c.status})`).join(', ')}`,
        );
    }
    let duplicateEmails = 0;
    for (const id of ours) {
      const times = accepted.get(id) ?? 0;
      if (times > 1) {
        duplicateEmails += times - 1;
        if (examples.length < 20) examples.push(`duplicate email: credential ${id} accepted ${times} times`);
      }
    }
    for (const times of perKey.values()) duplicateEmails += Math.max(0, times - 1);
    return {
      requested: [...byEnrolment.values()].filter((list) => list.length > 0).length,
      generated: credentials.filter((c) => c.documents > 0 && c.document_version !== null).length,
      issued: credentials.filter((c) => c.status === 'Issued').length,
      emailsAccepted: [...accepted.entries()].filter(([id]) => ours.has(id)).reduce((sum, [, times]) => sum + times, 0),
      duplicateCredentials,
      duplicateEmails,
      lost,
      lostDetail,
      duplicateDocuments: credentials.filter((c) => c.documents > 1).length,
      extraEmailRows: credentials.filter((c) => c.email_rows > 1).length,
      notSent: credentials.filter((c) => c.email_status !== 'Sent').length,
      examples,
    };
  } finally {
    await db.end();
  }
}
