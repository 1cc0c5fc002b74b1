import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '../../../../domain/entities';
import { decodePng } from '../images';
import type { PutOrganisationDto } from './organisation.dto';

@Injectable()
export class OrganisationService {
  constructor(private readonly em: EntityManager) {}

  async get(): Promise<Organisation> {
    const organisation = await this.em.findOne(Organisation, { singleton: true }, { populate: ['logoPng'] });
    if (!organisation) throw new NotFoundException('The organisation is not set up yet: PUT /organisation');
    return organisation;
  }

  async put(dto: PutOrganisationDto): Promise<Organisation> {
    const logoPng = decodePng('logoPng', dto.logoPng);
    const organisation =
      (await this.em.findOne(Organisation, { singleton: true }, { populate: ['logoPng'] })) ??
      this.em.create(Organisation, { name: dto.name, rtoCode: dto.rtoCode });
    organisation.name = dto.name;
    organisation.rtoCode = dto.rtoCode;
    if (logoPng !== undefined) organisation.logoPng = logoPng;
    await this.em.flush();
    return organisation;
  }
}
