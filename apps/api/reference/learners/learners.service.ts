import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Learner } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { pageWindow } from '../../common/pagination';
import { badRequest } from '../../common/validation';
import type { CreateLearnerDto, LearnerQuery, UpdateLearnerDto } from './learners.dto';
import { DataFixSignaller } from '../../data-fix/data-fix.signaller';

const today = () => new Date().toISOString().slice(0, 10);

function assertBornInThePast(dateOfBirth: string | undefined): void {
  if (dateOfBirth && dateOfBirth >= today()) {
    throw badRequest([{ field: 'dateOfBirth', messages: ['dateOfBirth must be in the past'] }]);
  }
}

/** What of a learner credentials print (the USI never is). */
const printed = (l: Learner) => JSON.stringify([l.givenName, l.middleName ?? null, l.familyName, l.dateOfBirth]);

@Injectable()
export class LearnersService {
  constructor(
    private readonly em: EntityManager,
    private readonly dataFix: DataFixSignaller,
  ) {}

  async create(dto: CreateLearnerDto): Promise<Learner> {
    assertBornInThePast(dto.dateOfBirth);
    const learner = this.em.create(Learner, { ...dto, usiVerified: dto.usi ? (dto.usiVerified ?? false) : false });
    await this.em.flush();
    return learner;
  }

  get(id: string) {
    return findOr404(this.em, Learner, id);
  }

  list(query: LearnerQuery) {
    const where: FilterQuery<Learner> = query.q
      ? {
          $or: [
            { givenName: { $ilike: `%${query.q}%` } },
            { familyName: { $ilike: `%${query.q}%` } },
            { email: { $ilike: `%${query.q}%` } },
          ],
        }
      : {};
    return this.em.findAndCount(Learner, where, {
      orderBy: { familyName: 'asc', givenName: 'asc' },
      ...pageWindow(query),
    });
  }

  async update(id: string, dto: UpdateLearnerDto): Promise<Learner> {
    assertBornInThePast(dto.dateOfBirth);
    const learner = await this.get(id);
    const printedBefore = printed(learner);
    // A changed USI has not been verified yet.
    const usiChanged = dto.usi !== undefined && dto.usi !== learner.usi;
    this.em.assign(learner, dto);
    if (usiChanged && dto.usiVerified === undefined) learner.usiVerified = false;
    if (!learner.usi) learner.usiVerified = false;
    await this.em.flush();
    if (printed(learner) !== printedBefore) await this.dataFix.printedDataChanged('learner', learner.id);
    return learner;
  }
}
