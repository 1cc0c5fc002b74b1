import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, Actor, type Principal } from './access.decorator';
import { MeResponse, toMeResponse } from './me.response';

/** Who the calling API key is: what a console shows after signing in with a key, and what its role lets it do. */
@ApiTags('access')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @Access('viewer')
  @ApiOkResponse({ type: MeResponse })
  me(@Actor() actor: Principal): MeResponse {
    return toMeResponse(actor);
  }
}
