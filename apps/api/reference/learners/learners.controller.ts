import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access, Actor, type Principal } from '../../auth/access.decorator';
import { pageOf } from '../../common/pagination';
import { CreateLearnerDto, LearnerQuery, toLearnerResponse, UpdateLearnerDto } from './learners.dto';
import { LearnersService } from './learners.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('learners')
export class LearnersController {
  constructor(private readonly service: LearnersService) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async create(@Body() dto: CreateLearnerDto, @Actor() actor: Principal) {
    return toLearnerResponse(await this.service.create(dto, actor));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: LearnerQuery, @Actor() actor: Principal) {
    return pageOf(query, await this.service.list(query), (learner) => toLearnerResponse(learner, actor.role));
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return toLearnerResponse(await this.service.get(id), actor.role);
  }

  @Patch(':id')
  @Access('requester')
  async update(@Param('id', ParseId) id: string, @Body() dto: UpdateLearnerDto, @Actor() actor: Principal) {
    return toLearnerResponse(await this.service.update(id, dto, actor));
  }
}
