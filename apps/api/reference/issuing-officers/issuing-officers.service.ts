import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { IssuingOfficer } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { pageWindow, type PageQuery } from '../../common/pagination';
import { decodePng } from '../images';
import type { CreateIssuingOfficerDto } from './issuing-officers.dto';

@Injectable()
export class IssuingOfficersService {
  constructor(private readonly em: EntityManager) {}

  async create(dto: CreateIssuingOfficerDto): Promise<IssuingOfficer> {
    const signaturePng = decodePng('signaturePng', dto.signaturePng) ?? null;
    const officer = this.em.create(IssuingOfficer, { name: dto.name, position: dto.position, signaturePng });
    await this.em.flush();
    return officer;
  }

  get(id: string) {
    return findOr404(this.em, IssuingOfficer, id);
  }

  list(query: PageQuery) {
    return this.em.findAndCount(IssuingOfficer, {}, { orderBy: { name: 'asc' }, ...pageWindow(query) });
  }
}
