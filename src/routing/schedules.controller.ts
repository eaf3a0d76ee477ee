import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditActor } from '../audit/audit.service.js';
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import { DepartmentIdPipe } from './department-id.pipe.js';
import { AvailabilityQueryDto, AvailabilityResponse } from './dto/availability.dto.js';
import { PutScheduleDto, ScheduleResponse } from './dto/schedule.dto.js';
import { ApiIfMatch, withEtag } from '../admin-api/etag.js';
import { SchedulesAdminService } from './schedules-admin.service.js';

@ApiTags('business hours')
@AdminApi()
@Controller('departments/:id')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesAdminService) {}

  @Get('schedule')
  @ApiOkResponse({ type: ScheduleResponse })
  @ApiNotFoundResponse({ description: 'No such department, or it has no schedule (always open)' })
  async get(
    @Param('id', DepartmentIdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScheduleResponse> {
    return withEtag(response, await this.schedules.get(id), (schedule) => ScheduleResponse.from(schedule));
  }

  /** Creates the schedule (201) or replaces it (200); every field not sent takes its default. */
  @Put('schedule')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Required to replace: the ETag from your last read, or *',
  })
  @ApiOkResponse({ type: ScheduleResponse, description: 'Replaced (201 when created)' })
  @ApiBadRequestResponse({ description: 'Invalid fields (each one named), or a NUL character anywhere' })
  @ApiResponse({ status: 428, description: 'The department has a schedule and If-Match is missing' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async put(
    @Actor() actor: AuditActor,
    @Param('id', DepartmentIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: PutScheduleDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScheduleResponse> {
    const { schedule, created } = await this.schedules.put(actor, id, ifMatch, dto);
    if (created) response.status(201);
    return withEtag(response, schedule, (schedule) => ScheduleResponse.from(schedule));
  }

  /** Removes the schedule: the department is always open again. */
  @Delete('schedule')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async delete(
    @Actor() actor: AuditActor,
    @Param('id', DepartmentIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.schedules.delete(actor, id, ifMatch);
  }

  @Get('availability')
  @ApiOkResponse({ type: AvailabilityResponse })
  @ApiNotFoundResponse()
  async availability(
    @Param('id', DepartmentIdPipe) id: string,
    @Query() query: AvailabilityQueryDto,
  ): Promise<AvailabilityResponse> {
    return this.schedules.availability(id, query.at);
  }
}
