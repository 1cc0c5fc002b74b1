import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Qualification } from '../../../domain/entities';
import { checkPackagingRules } from '../../../domain/qualifications/packaging-rules';
import { findOr404 } from '../common/find';
import { pageWindow, type PageQuery } from '../common/pagination';
import { badRequest, type FieldProblem } from '../common/validation';
import type { CreateQualificationDto } from './qualifications.dto';

@Injectable()
export class QualificationsService {
  constructor(private readonly em: EntityManager) {}

  /** Stores a qualification whose packaging rules add up; otherwise a 400 naming each rule that does not. */
  async create(dto: CreateQualificationDto): Promise<Qualification> {
    const check = checkPackagingRules(dto.packagingRules);
    if (!check.valid) {
      const byField = new Map<string, FieldProblem>();
      for (const { field, message } of check.problems) {
        const entry = byField.get(field) ?? { field, messages: [] };
        entry.messages.push(message);
        byField.set(field, entry);
      }
      throw badRequest([...byField.values()]);
    }
    const existing = await this.em.findOne(Qualification, { code: dto.code });
    if (existing)
      throw new ConflictException(`Qualification ${existing.code} already exists (${existing.id}, ${existing.title})`);
    const qualification = this.em.create(Qualification, {
      code: dto.code,
      title: dto.title,
      packagingRules: check.rules,
    });
    await this.em.flush();
    return qualification;
  }

  get(id: string) {
    return findOr404(this.em, Qualification, id);
  }

  list(query: PageQuery) {
    return this.em.findAndCount(Qualification, {}, { orderBy: { code: 'asc' }, ...pageWindow(query) });
  }
}
