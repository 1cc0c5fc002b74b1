import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CourseOffer, Learner, Qualification } from '../../../domain/entities';
import { utcToday } from '../../../domain/compliance/issue-deadline';
import { findOr404 } from '../common/find';
import { pageWindow, type Page } from '../common/pagination';
import { badRequest } from '../common/validation';
import type { RegisterQuery } from './register.query';
import { toRegisterItem, type RegisterItem, type RegisterRow } from './register.response';
import { buildRegisterSql, learnersNamedSql, type RegisterScope, type RegisterSql } from './register.sql';

/**
 * Up to this many learners matching q are looked up first and named in the register query, so PostgreSQL can combine
 * the credential-number and learner indexes; more than that and the query uses a sub-select (a scan is due anyway).
 */
const inlinedLearnersMax = 1000;

/** The Credential Register: every credential, filtered and paged, read with one page query and one count. */
@Injectable()
export class RegisterService {
  constructor(private readonly em: EntityManager) {}

  async list(query: RegisterQuery, scope: RegisterScope = {}): Promise<Page<RegisterItem>> {
    await this.assertScopeExists(scope);
    const sql = await this.sql(query, scope);
    const [rows, [count]] = await Promise.all([
      this.em.execute<RegisterRow[]>(sql.page, sql.pageParams),
      this.em.execute<{ total: number }[]>(sql.count, sql.countParams),
    ]);
    return { items: rows.map(toRegisterItem), total: count?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** The statements list() runs, for EXPLAIN in perf/bench-register.ts. */
  async sql(query: RegisterQuery, scope: RegisterScope = {}, today = utcToday()): Promise<RegisterSql> {
    if (query.from && query.to && query.from > query.to) {
      throw badRequest([{ field: 'to', messages: [`to (${query.to}) must be on or after from (${query.from})`] }]);
    }
    const named = query.q ? await this.learnersNamed(query.q) : undefined;
    return buildRegisterSql(query, scope, { ...pageWindow(query), today }, named);
  }

  /** The ids of learners named like q, or undefined when there are too many to name. */
  private async learnersNamed(q: string): Promise<string[] | undefined> {
    const { sql, params } = learnersNamedSql(q);
    const rows = await this.em.execute<{ id: string }[]>(`${sql} limit ${inlinedLearnersMax + 1}`, params);
    return rows.length > inlinedLearnersMax ? undefined : rows.map((row) => row.id);
  }

  private async assertScopeExists(scope: RegisterScope): Promise<void> {
    if (scope.learnerId) await findOr404(this.em, Learner, scope.learnerId);
    if (scope.courseOfferId) await findOr404(this.em, CourseOffer, scope.courseOfferId, {}, 'Course offer');
    if (scope.qualificationId) await findOr404(this.em, Qualification, scope.qualificationId);
  }
}
