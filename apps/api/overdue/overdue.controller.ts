import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { PageOfType, PageQuery } from '../common/pagination';
import { OverdueItem } from './overdue.response';
import { OverdueService } from './overdue.service';

@ApiTags('credential register')
@ApiBearerAuth()
@Controller('overdue')
export class OverdueController {
  constructor(private readonly service: OverdueService) {}

  @Get()
  @Access('viewer')
  @ApiOkResponse({
    type: PageOfType(OverdueItem),
    description: 'Enrolments with no Issued credential 30 days after meeting the requirements, oldest first',
  })
  list(@Query() query: PageQuery) {
    return this.service.list(query);
  }
}
