import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { PutOrganisationDto, toOrganisationResponse } from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly service: OrganisationService) {}

  @Get()
  @Access('viewer')
  async get() {
    return toOrganisationResponse(await this.service.get());
  }

  /** The compliance preflight: what AQF certification documents would still lack, with the templates affected. */
  @Get('compliance')
  @Access('viewer')
  compliance() {
    return this.service.compliance();
  }

  @Put()
  @Access('admin')
  async put(@Body() dto: PutOrganisationDto) {
    return toOrganisationResponse(await this.service.put(dto));
  }
}
