import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditActor } from '../audit/audit.service.js';
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import { DepartmentIdPipe } from './department-id.pipe.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { CreateDepartmentDto, DepartmentResponse, UpdateDepartmentDto } from './dto/department.dto.js';
import { ApiIfMatch, withEtag } from '../admin-api/etag.js';

@ApiTags('departments')
@AdminApi()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsAdminService) {}

  @Get()
  @ApiOkResponse({ type: [DepartmentResponse] })
  async list(): Promise<DepartmentResponse[]> {
    return (await this.departments.list()).map((department) => DepartmentResponse.from(department));
  }

  @Post()
  @ApiCreatedResponse({ type: DepartmentResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields (each one named), or a NUL character anywhere' })
  @ApiConflictResponse({ description: 'Name or active digit taken (names the conflicting department)' })
  async create(
    @Actor() actor: AuditActor,
    @Body() dto: CreateDepartmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentResponse> {
    const department = await this.departments.create(actor, dto);
    response.setHeader('Location', `/admin/departments/${department.id}`);
    return withEtag(response, department, (department) => DepartmentResponse.from(department));
  }

  @Get(':id')
  @ApiOkResponse({ type: DepartmentResponse })
  @ApiNotFoundResponse()
  async get(
    @Param('id', DepartmentIdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentResponse> {
    return withEtag(response, await this.departments.get(id), (department) => DepartmentResponse.from(department));
  }

  @Patch(':id')
  @ApiIfMatch()
  @ApiOkResponse({ type: DepartmentResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields (each one named), or a NUL character anywhere' })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async update(
    @Actor() actor: AuditActor,
    @Param('id', DepartmentIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateDepartmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentResponse> {
    return withEtag(response, await this.departments.update(actor, id, ifMatch, dto), (department) =>
      DepartmentResponse.from(department),
    );
  }

  /** Deactivates: the row stays for the call history, the digit is free again. */
  @Delete(':id')
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: DepartmentResponse, description: 'The deactivated department' })
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async deactivate(
    @Actor() actor: AuditActor,
    @Param('id', DepartmentIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DepartmentResponse> {
    return withEtag(response, await this.departments.deactivate(actor, id, ifMatch), (department) =>
      DepartmentResponse.from(department),
    );
  }
}
