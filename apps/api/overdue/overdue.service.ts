import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { utcToday } from '../../../domain/compliance/issue-deadline';
import { pageWindow, type Page, type PageQuery } from '../common/pagination';
import { toOverdueItem, type OverdueItem } from './overdue.response';
import { buildOverdueSql, type OverdueRow } from './overdue.sql';

/** Enrolments whose credential is overdue: requirements met more than 30 days ago and nothing issued. */
@Injectable()
export class OverdueService {
  constructor(private readonly em: EntityManager) {}

  async list(query: PageQuery, today = utcToday()): Promise<Page<OverdueItem>> {
    const sql = buildOverdueSql(today, pageWindow(query));
    const [rows, [count]] = await Promise.all([
      this.em.execute<OverdueRow[]>(sql.page, sql.pageParams),
      this.em.execute<{ total: number }[]>(sql.count, sql.countParams),
    ]);
    return { items: rows.map(toOverdueItem), total: count?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }
}
