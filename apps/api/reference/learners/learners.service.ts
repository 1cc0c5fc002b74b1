import { ForbiddenException, Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Learner } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { pageWindow } from '../../common/pagination';
import { badRequest } from '../../common/validation';
import type { CreateLearnerDto, LearnerQuery, UpdateLearnerDto } from './learners.dto';
import { DataFixSignaller } from '../../data-fix/data-fix.signaller';
import type { Principal } from '../../auth/access.decorator';
import { roleAtLeast } from '../../../../domain/access/roles';

const today = () => new Date().toISOString().slice(0, 10);

function assertBornInThePast(dateOfBirth: string | undefined): void {
  if (dateOfBirth && dateOfBirth >= today()) {
    throw badRequest([{ field: 'dateOfBirth', messages: ['dateOfBirth must be in the past'] }]);
  }
}

/** What of a learner credentials print (the USI and the date of birth never are). */
const printed = (l: Learner) => JSON.stringify([l.givenName, l.middleName ?? null, l.familyName]);

/** The USI facts that let an accredited credential be issued: only those who may issue may set them. */
const usiClearances = ['usiVerified', 'usiExempt'] as const;

/**
 * 403 naming the field when a key below issuer would set usiVerified or usiExempt: to true on a new learner, or to
 * anything other than what the learner has. (A changed USI still clears usiVerified, whoever changes it.)
 */
function assertMaySetUsiClearance(actor: Principal, wanted: CreateLearnerDto | UpdateLearnerDto, current?: Learner) {
  if (roleAtLeast(actor.role, 'issuer')) return;
  for (const field of usiClearances) {
    const value = wanted[field];
    if (value === undefined || value === (current ? current[field] : false)) continue;
    throw new ForbiddenException(`${field} can be set only with an issuer or admin key (this key is a ${actor.role})`);
  }
}

@Injectable()
export class LearnersService {
  constructor(
    private readonly em: EntityManager,
    private readonly dataFix: DataFixSignaller,
  ) {}

  async create(dto: CreateLearnerDto, actor: Principal): Promise<Learner> {
    assertBornInThePast(dto.dateOfBirth);
    assertMaySetUsiClearance(actor, dto);
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

  async update(id: string, dto: UpdateLearnerDto, actor: Principal): Promise<Learner> {
    assertBornInThePast(dto.dateOfBirth);
    const learner = await this.get(id);
    assertMaySetUsiClearance(actor, dto, learner);
    const printedBefore = printed(learner);
    // A changed USI has not been verified yet.
    const usiChanged = dto.usi !== undefined && dto.usi !== learner.usi;
    this.em.assign(learner, dto);
    if (usiChanged && dto.usiVerified === undefined) learner.usiVerified = false;
    if (!learner.usi) learner.usiVerified = false;
    await this.em.flush();
    if (printed(learner) !== printedBefore) await this.dataFix.printedDataChanged('learner', learner.id, actor);
    return learner;
  }
}
