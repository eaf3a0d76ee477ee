import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import { DeliveryIdPipe } from './delivery-id.pipe.js';
import { DELIVERY_PAGE_SIZE, type DeliveryPage, DeliveryQueryDto, DeliveryView } from './dto/webhook-delivery.dto.js';
import {
  CreatedWebhookEndpointResponse,
  CreateWebhookEndpointDto,
  RotatedSecretResponse,
  UpdateWebhookEndpointDto,
  WebhookEndpointResponse,
} from './dto/webhook-endpoint.dto.js';
import { WebhookEndpointIdPipe } from './webhook-endpoint-id.pipe.js';
import { WebhookEndpointsAdminService } from './webhook-endpoints-admin.service.js';

const INVALID_FIELDS = 'Invalid fields (each one named), or a NUL character anywhere';

@ApiTags('webhook endpoints')
@AdminApi()
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsAdminService) {}

  /** Newest first; never a secret. */
  @Get()
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  async list(): Promise<WebhookEndpointResponse[]> {
    return (await this.endpoints.list()).map((endpoint) => WebhookEndpointResponse.from(endpoint));
  }

  /** The answer holds the endpoint's secret, this once. */
  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiCreatedResponse({ type: CreatedWebhookEndpointResponse })
  @ApiBadRequestResponse({ description: `${INVALID_FIELDS}; a URL that is not https or holds credentials` })
  async create(
    @Actor() actor: AuditActor,
    @Body() dto: CreateWebhookEndpointDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedWebhookEndpointResponse> {
    const endpoint = await this.endpoints.create(actor, dto);
    response.setHeader('Location', `/admin/webhook-endpoints/${endpoint.id}`);
    return withEtag(response, endpoint, (created) => CreatedWebhookEndpointResponse.withSecret(created));
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiNotFoundResponse()
  async get(
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebhookEndpointResponse> {
    return withEtag(response, await this.endpoints.get(id), (endpoint) => WebhookEndpointResponse.from(endpoint));
  }

  @Patch(':id')
  @ApiIfMatch()
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiBadRequestResponse({ description: `${INVALID_FIELDS}; a URL that is not https or holds credentials` })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async update(
    @Actor() actor: AuditActor,
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateWebhookEndpointDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebhookEndpointResponse> {
    return withEtag(response, await this.endpoints.update(actor, id, ifMatch, dto), (endpoint) =>
      WebhookEndpointResponse.from(endpoint),
    );
  }

  /** Its deliveries go with it. */
  @Delete(':id')
  @HttpCode(204)
  @ApiIfMatch()
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async delete(
    @Actor() actor: AuditActor,
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.endpoints.delete(actor, id, ifMatch);
  }

  /** A new secret, shown this once; requests are signed with the previous one too for 24 hours. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiIfMatch()
  @ApiOkResponse({ type: RotatedSecretResponse, description: "The new secret; the ETag header is the endpoint's" })
  @ApiBadRequestResponse({ description: 'A NUL character in the id' })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match' })
  async rotateSecret(
    @Actor() actor: AuditActor,
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RotatedSecretResponse> {
    return withEtag(response, await this.endpoints.rotateSecret(actor, id, ifMatch), (endpoint) =>
      RotatedSecretResponse.from(endpoint),
    );
  }

  /** Newest first; pass nextCursor back as cursor for older deliveries. */
  @Get(':id/deliveries')
  @ApiOkResponse({ description: 'A page of deliveries, newest first, each with its latest attempts' })
  @ApiBadRequestResponse({ description: 'Invalid query fields (each one named)' })
  @ApiNotFoundResponse()
  async deliveries(
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Query() query: DeliveryQueryDto,
  ): Promise<DeliveryPage> {
    const limit = query.limit ?? DELIVERY_PAGE_SIZE.default;
    const rows = await this.endpoints.listDeliveries({
      endpointId: id,
      status: query.status,
      beforeId: query.cursor,
      limit,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((delivery) => DeliveryView.from(delivery)),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Queues a delivered or failed delivery again, due now, with a fresh retry window. */
  @Post(':id/deliveries/:deliveryId/resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryView, description: 'Queued: pending, due now' })
  @ApiBadRequestResponse({ description: 'A NUL character in an id' })
  @ApiNotFoundResponse({ description: 'No such endpoint, or no such delivery of it' })
  @ApiConflictResponse({ description: 'The delivery is still pending: the dispatcher retries it' })
  async resend(
    @Actor() actor: AuditActor,
    @Param('id', WebhookEndpointIdPipe) id: string,
    @Param('deliveryId', DeliveryIdPipe) deliveryId: string,
  ): Promise<DeliveryView> {
    return DeliveryView.from(await this.endpoints.resend(actor, id, deliveryId));
  }
}
