import { Body, Controller, Get, Headers, Patch, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditActor } from '../audit/audit.service.js';
import type { Settings } from '../routing/settings.entity.js';
import { Actor, AdminApi } from './admin-auth.decorators.js';
import { SettingsResponse, UpdateSettingsDto } from './dto/settings.dto.js';
import { etagFor } from './etag.js';
import { SettingsAdminService } from './settings-admin.service.js';

function withEtag(response: Response, settings: Settings): SettingsResponse {
  response.setHeader('ETag', etagFor(settings.version));
  return SettingsResponse.from(settings);
}

@ApiTags('settings')
@AdminApi()
@Controller('admin/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsAdminService) {}

  @Get()
  @ApiOkResponse({ type: SettingsResponse })
  async get(@Res({ passthrough: true }) response: Response): Promise<SettingsResponse> {
    return withEtag(response, await this.settings.get());
  }

  @Patch()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from your last read, or *' })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async update(
    @Actor() actor: AuditActor,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateSettingsDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SettingsResponse> {
    return withEtag(response, await this.settings.update(actor, ifMatch, dto));
  }
}
