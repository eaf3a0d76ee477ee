import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminApi } from '../admin-api/admin-auth.decorators.js';
import { LanguagesResponse } from './dto/languages.dto.js';
import { RoutingService } from './routing.service.js';

@ApiTags('languages')
@AdminApi()
@Controller('languages')
export class LanguagesController {
  constructor(private readonly routing: RoutingService) {}

  /** Read from the menu callers hear now (this instance's cache), so it is what a call would use. */
  @Get()
  @ApiOkResponse({
    type: LanguagesResponse,
    description: 'The languages offered, the default first, each with the texts it lacks',
  })
  async list(): Promise<LanguagesResponse> {
    return LanguagesResponse.from(await this.routing.rules());
  }
}
