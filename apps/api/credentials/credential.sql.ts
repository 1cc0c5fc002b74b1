import { namedQuery } from '../../../domain/prepared-query';

/** A timestamptz as Date.prototype.toISOString() writes it (UTC, milliseconds truncated, as the pg driver reads it). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * GET /credentials/:id in one statement: the credential with what its answer names, its current document, every
 * document version, every email sent and its history. Hand-written rather than an entity populate because that
 * joined eight tables, expensive to plan on every call, and hydrated every one; this one plans cheaply and maps
 * without the ORM.
 * Prepared (planned once per connection). One parameter: the credential id.
 */
export const credentialView = namedQuery(
  'credential-view',
  `
select c.id, c.number, c.status, c.type, c.template_id, t.name as template_name, c.template_version, c.credential_date,
  o.id as officer_id, o.name as officer_name, o.position as officer_position, c.status_reason,
  l.id as learner_id, l.given_name, l.middle_name, l.family_name, l.email,
  c.course_enrolment_id, c.qualification_enrolment_id,
  d.version as document_version, d.sha256 as document_sha256, d.bytes as document_bytes,
  ${iso('d.created_at')} as document_generated_at,
  c.generation_error, c.compliance_warnings, ${iso('c.issued_at')} as issued_at, ${iso('c.printed_at')} as printed_at,
  ${iso('c.cancelled_at')} as cancelled_at, ${iso('c.deleted_at')} as deleted_at, c.email_status,
  ${iso('c.emailed_at')} as emailed_at, c.replaces_id,
  (select r.id from credential r where r.replaces_id = c.id) as replaced_by_id,
  c.verification_code, ${iso('c.created_at')} as created_at,
  coalesce((select co.practice from course_enrolment ce join course_offer co on co.id = ce.course_offer_id
              where ce.id = c.course_enrolment_id), false) as practice,
  (select coalesce(json_agg(json_build_object('version', v.version, 'sha256', v.sha256, 'bytes', v.bytes,
                              'generatedAt', ${iso('v.created_at')}, 'templateVersion', v.template_version)
                            order by v.version desc), '[]')
     from document_version v where v.credential_id = c.id) as documents,
  (select coalesce(json_agg(json_build_object('id', m.id, 'sendNumber', m.send_number, 'to', m.to_address,
                              'status', m.status, 'documentVersion', m.document_version,
                              'createdAt', ${iso('m.created_at')}, 'sentAt', ${iso('m.sent_at')},
                              'updatedAt', ${iso('m.updated_at')}, 'error', m.error)
                            order by m.send_number desc), '[]')
     from email_message m where m.credential_id = c.id) as emails,
  (select coalesce(json_agg(json_build_object('at', ${iso('e.created_at')}, 'event', e.event, 'actor', e.actor, 'actorKeyId', e.actor_key_id, 'detail', e.detail)
                            order by e.created_at, e.id), '[]')
     from credential_event e where e.credential_id = c.id) as history
from credential c
join learner l on l.id = c.learner_id
join credential_template t on t.id = c.template_id
left join issuing_officer o on o.id = c.issuing_officer_id
left join document_version d on d.credential_id = c.id and d.version = c.document_version
where c.id = ?`,
);
