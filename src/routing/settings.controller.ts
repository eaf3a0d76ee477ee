import { Body, Controller, Get, Headers, Patch, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditActor } from '../audit/audit.service.js';
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import { SettingsResponse, UpdateSettingsDto } from './dto/settings.dto.js';
import { ApiIfMatch, withEtag } from '../admin-api/etag.js';
import { SettingsAdminService } from './settings-admin.service.js';

@ApiTags('settings')
@AdminApi()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsAdminService) {}

  @Get()
  @ApiOkResponse({ type: SettingsResponse })
  async get(@Res({ passthrough: true }) response: Response): Promise<SettingsResponse> {
    return withEtag(response, await this.settings.get(), (settings) => SettingsResponse.from(settings));
  }

  @Patch()
  @ApiIfMatch()
  @ApiOkResponse({ type: SettingsResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields (each one named), or a NUL character anywhere' })
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async update(
    @Actor() actor: AuditActor,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateSettingsDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SettingsResponse> {
    return withEtag(response, await this.settings.update(actor, ifMatch, dto), (settings) =>
      SettingsResponse.from(settings),
    );
  }
}
