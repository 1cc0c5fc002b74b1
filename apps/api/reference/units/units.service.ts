import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Unit } from '../../../../domain/entities';
import { pageWindow, type PageQuery } from '../../common/pagination';
import { badRequest } from '../../common/validation';
import type { UnitDto } from './units.dto';

@Injectable()
export class UnitsService {
  constructor(private readonly em: EntityManager) {}

  /** Inserts new codes and updates the titles of known ones, in one statement. */
  async upsert(units: UnitDto[]): Promise<Unit[]> {
    const codes = units.map((u) => u.code);
    const repeated = codes.filter((code, i) => codes.indexOf(code) !== i);
    if (repeated.length) {
      throw badRequest([
        { field: 'units', messages: [`units lists ${[...new Set(repeated)].join(', ')} more than once`] },
      ]);
    }
    const now = new Date();
    return this.em.upsertMany(
      Unit,
      // Upserts skip property initialisers: a new row's id and timestamps are given here.
      units.map((u) => ({ id: randomUUID(), code: u.code, title: u.title, createdAt: now, updatedAt: now })),
      { onConflictFields: ['code'], onConflictAction: 'merge', onConflictMergeFields: ['title', 'updatedAt'] },
    );
  }

  list(query: PageQuery) {
    return this.em.findAndCount(Unit, {}, { orderBy: { code: 'asc' }, ...pageWindow(query) });
  }
}
