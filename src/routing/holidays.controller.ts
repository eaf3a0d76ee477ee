import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditActor } from '../audit/audit.service.js';
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import { CreateHolidayDto, HolidayResponse } from './dto/holiday.dto.js';
import { ApiIfMatch, withEtag } from '../admin-api/etag.js';
import { HolidayIdPipe } from './holiday-id.pipe.js';
import { HolidaysAdminService } from './holidays-admin.service.js';

@ApiTags('business hours')
@AdminApi()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysAdminService) {}

  /** In date order. */
  @Get()
  @ApiOkResponse({ type: [HolidayResponse] })
  async list(): Promise<HolidayResponse[]> {
    return (await this.holidays.list()).map((holiday) => HolidayResponse.from(holiday));
  }

  @Post()
  @ApiCreatedResponse({ type: HolidayResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields (each one named), or a NUL character anywhere' })
  @ApiConflictResponse({ description: 'The date is already a holiday (names it)' })
  async create(
    @Actor() actor: AuditActor,
    @Body() dto: CreateHolidayDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HolidayResponse> {
    return withEtag(response, await this.holidays.create(actor, dto), (holiday) => HolidayResponse.from(holiday));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiIfMatch('The holiday’s ETag (its version), or *')
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async delete(
    @Actor() actor: AuditActor,
    @Param('id', HolidayIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.holidays.delete(actor, id, ifMatch);
  }
}
