import type { EntityManager } from '@mikro-orm/postgresql';

/** What removing a practice offer touches: its credentials (deleted ones too), enrolments and learners. */
export async function practiceOfferRows(em: EntityManager, offerId: string) {
  const [rows] = await em.execute<
    Array<{ credentials: string[]; enrolments: string[]; learners: string[]; running: string[] }>
  >(
    `with e as (select id, learner_id from course_enrolment where course_offer_id = ?),
          c as (select id from credential where course_enrolment_id in (select id from e))
     select coalesce((select array_agg(id) from c), '{}') as credentials,
            coalesce((select array_agg(id) from e), '{}') as enrolments,
            coalesce((select array_agg(distinct learner_id) from e), '{}') as learners,
            coalesce((select array_agg(distinct r.id) from bulk_run r join bulk_run_item i on i.bulk_run_id = r.id
                       where r.status = 'Running'
                         and (i.target_id in (select id from e) or i.target_id in (select id from c)
                              or i.credential_id in (select id from c))), '{}') as running`,
    [offerId],
  );
  return {
    credentialIds: rows!.credentials,
    enrolmentIds: rows!.enrolments,
    learnerIds: rows!.learners,
    runningBulkRuns: rows!.running,
  };
}

const ofTheOffer = `(select c.id from credential c join course_enrolment e on e.id = c.course_enrolment_id
                     where e.course_offer_id = ?)`;

/**
 * The removal, in order in one transaction; every `?` is the offer's id. The credentials' rows, the credentials, then
 * the enrolments with the offer's dummy learners (practice learners with nothing elsewhere), then the offer. Each
 * reads the offer's rows afresh, so a credential requested since its workflows were terminated goes too.
 */
export const removePracticeOfferSql: readonly string[] = [
  `delete from email_message where credential_id in ${ofTheOffer}`,
  `delete from open_badge where credential_id in ${ofTheOffer}`,
  `delete from document_version where credential_id in ${ofTheOffer}`,
  `delete from credential_event where credential_id in ${ofTheOffer}`,
  `update credential set replaces_id = null where id in ${ofTheOffer}`,
  `delete from credential where id in ${ofTheOffer}`,
  // The learners' other rows are read as they were before this statement: the offer's enrolments are left out by hand.
  `with removed as (delete from course_enrolment where course_offer_id = ? returning learner_id)
   delete from learner l
    where l.id in (select learner_id from removed) and l.practice
      and not exists (select 1 from course_enrolment e where e.learner_id = l.id and e.course_offer_id <> ?)
      and not exists (select 1 from qualification_enrolment q where q.learner_id = l.id)
      and not exists (select 1 from credential c where c.learner_id = l.id)`,
  `delete from course_offer where id = ?`,
];
