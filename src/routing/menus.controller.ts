import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
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
import { Actor, AdminApi } from '../admin-api/admin-auth.decorators.js';
import { ApiIfMatch, withEtag } from '../admin-api/etag.js';
import type { AuditActor } from '../audit/audit.service.js';
import { CreateMenuDto, MenuResponse, UpdateMenuDto } from './dto/menu.dto.js';
import { MenuTreeQueryDto, MenuTreeResponse } from './dto/menu-tree.dto.js';
import { MenuIdPipe } from './menu-id.pipe.js';
import { MenusAdminService } from './menus-admin.service.js';

const INVALID_TREE =
  'Invalid fields (each one named), or a tree the change would break: a digit taken in the menu (in the root ' +
  'menu, by a department placed there too), the operator key on a digit an option has, a loop, more than 5 ' +
  'levels, a missing or inactive department, a missing menu, an option without a label where one is needed';

@ApiTags('menus')
@AdminApi()
@Controller('menus')
export class MenusController {
  constructor(private readonly menus: MenusAdminService) {}

  /** The root menu first, then the submenus by name. */
  @Get()
  @ApiOkResponse({ type: [MenuResponse] })
  async list(): Promise<MenuResponse[]> {
    return (await this.menus.list()).map((menu) => MenuResponse.from(menu));
  }

  /** Declared before `:id`, which would otherwise take "tree" for an id. */
  @Get('tree')
  @ApiOkResponse({
    type: MenuTreeResponse,
    description:
      'The whole tree as callers hear it now, per language; what they do not hear now is marked heard: false',
  })
  @ApiBadRequestResponse({ description: 'A language that is not offered' })
  async tree(@Query() query: MenuTreeQueryDto): Promise<MenuTreeResponse> {
    return this.menus.heardTree(query.language);
  }

  @Post()
  @ApiCreatedResponse({
    type: MenuResponse,
    description: 'A submenu: give an option of another menu its id to reach it',
  })
  @ApiBadRequestResponse({ description: INVALID_TREE })
  async create(
    @Actor() actor: AuditActor,
    @Body() dto: CreateMenuDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MenuResponse> {
    const menu = await this.menus.create(actor, dto);
    response.setHeader('Location', `/admin/menus/${menu.id}`);
    return withEtag(response, menu, (menu) => MenuResponse.from(menu));
  }

  @Get(':id')
  @ApiOkResponse({ type: MenuResponse })
  @ApiNotFoundResponse()
  async get(
    @Param('id', MenuIdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MenuResponse> {
    return withEtag(response, await this.menus.get(id), (menu) => MenuResponse.from(menu));
  }

  @Patch(':id')
  @ApiIfMatch()
  @ApiOkResponse({
    type: MenuResponse,
    description:
      'The fields sent change; `options`, when sent, is the whole new list: an option with its id is kept and ' +
      'updated (each option whole: fields left out take their defaults), one without an id is added, the rest ' +
      'are deleted. The root menu too',
  })
  @ApiBadRequestResponse({ description: INVALID_TREE })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async update(
    @Actor() actor: AuditActor,
    @Param('id', MenuIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateMenuDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MenuResponse> {
    return withEtag(response, await this.menus.update(actor, id, ifMatch, dto), (menu) => MenuResponse.from(menu));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'Deleted, with its options' })
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The root menu, or a menu an option still opens (names the menus and options)' })
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async delete(
    @Actor() actor: AuditActor,
    @Param('id', MenuIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.menus.delete(actor, id, ifMatch);
  }
}
