import { Body, Controller, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { MergeDocumentsDto } from './merge.dto';
import { MergeService, streamMergedPdf } from './merge.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('credentials')
@ApiBearerAuth()
@Controller('credentials')
export class MergeController {
  constructor(private readonly service: MergeService) {}

  @Post('merge')
  @Idempotent()
  @Access('requester')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: "One PDF with every credential's current document, pages in the order given" })
  async merge(@Body() dto: MergeDocumentsDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const merged = await this.service.merge(dto.credentialIds);
    res.setHeader('Content-Disposition', `inline; filename="credentials-merged-${dto.credentialIds.length}.pdf"`);
    return streamMergedPdf(merged);
  }
}
