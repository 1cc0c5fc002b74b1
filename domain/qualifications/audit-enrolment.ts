import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { QualificationEnrolment } from '../entities';
import { auditEnrolment, enrolmentAfterAudit, type AuditResult } from './audit';
import { checkPackagingRules } from './packaging-rules';

/** The qualification's stored rules do not pass the rules check (stored some other way, or by an older version). */
export class RulesNotAuditableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulesNotAuditableError';
  }
}

/** Audits an enrolment without changing it (for explaining why a request is refused). */
export async function auditOnly(em: EntityManager, enrolment: QualificationEnrolment): Promise<AuditResult> {
  await em.populate(enrolment, ['qualification']);
  const { qualification } = enrolment;
  const check = checkPackagingRules(qualification.packagingRules);
  if (!check.valid) {
    throw new RulesNotAuditableError(
      `Qualification ${qualification.code} has packaging rules that cannot be audited: ${check.problems.map((p) => p.message).join('; ')}`,
    );
  }
  // Plain rows, not entities: the audit reads them once, and hydrating dozens of entities per audit dominated its cost.
  const results = await em
    .getConnection()
    .execute<Array<{ unit_code: string; outcome: string; date: string; updated_at: Date }>>(
      `select u.code as unit_code, r.outcome, to_char(r.date, 'YYYY-MM-DD') as date, r.updated_at
       from unit_result r join unit u on u.id = r.unit_id where r.qualification_enrolment_id = ?`,
      [enrolment.id],
      'all',
      em.getTransactionContext(),
    );
  return auditEnrolment(
    check.rules,
    results.map((r) => ({ unitCode: r.unit_code, outcome: r.outcome, date: r.date, recordedAt: r.updated_at })),
  );
}

/**
 * Audits the enrolment's results against its qualification's rules and applies the outcome to its status (see
 * enrolmentAfterAudit), with the row locked so concurrent audits (API, auto audit, bulk) apply one after the other.
 * Null when there is no such enrolment.
 */
export function auditAndApply(
  em: EntityManager,
  enrolmentId: string,
): Promise<{ audit: AuditResult; enrolment: QualificationEnrolment } | null> {
  return em.transactional(async (tx) => {
    const enrolment = await tx.findOne(
      QualificationEnrolment,
      { id: enrolmentId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!enrolment) return null;
    await tx.populate(enrolment, ['qualification']);
    const audit = await auditOnly(tx, enrolment);
    const next = enrolmentAfterAudit(enrolment, audit, new Date());
    enrolment.status = next.status;
    enrolment.requirementsMetAt = next.requirementsMetAt;
    return { audit, enrolment };
  });
}
