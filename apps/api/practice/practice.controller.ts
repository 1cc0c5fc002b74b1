import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { Idempotent } from '../common/idempotency.interceptor';
import { PracticeDataResponse, toPracticeDataResponse } from './practice.response';
import { PracticeService } from './practice.service';

@ApiTags('practice')
@ApiBearerAuth()
@Controller()
export class PracticeController {
  constructor(private readonly service: PracticeService) {}

  @Post('practice/course-offers')
  @Idempotent()
  @Access('requester')
  @ApiCreatedResponse({ type: PracticeDataResponse })
  async create() {
    return toPracticeDataResponse(await this.service.createOffer());
  }

  @Delete('course-offers/:id')
  @Access('issuer')
  @HttpCode(204)
  @ApiConflictResponse({ description: 'Not a practice course offer (or a bulk run on it is still running)' })
  remove(@Param('id', ParseId) id: string) {
    return this.service.removeOffer(id);
  }
}
