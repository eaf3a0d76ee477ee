import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request } from 'express';
import twilio from 'twilio';
import { IvrConfig } from '../ivr-options.js';
import { MetricsService } from '../metrics/metrics.service.js';

/**
 * The URL Twilio signed: PUBLIC_BASE_URL plus the path and query when configured; otherwise
 * the request's own scheme and host, which Express takes from X-Forwarded-Proto/Host only when
 * the sending proxy is trusted (TRUST_PROXY).
 */
export function signedUrl(request: Request, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl) return `${publicBaseUrl}${request.originalUrl}`;
  return `${request.protocol}://${request.host}${request.originalUrl}`;
}

/**
 * Whether the host Express reports came from a trusted proxy's X-Forwarded-Host rather than the
 * client's own Host header, which anyone can set: a request signed for another app on the same
 * Twilio account must not pass here by naming that app's host.
 */
export function hostFromTrustedProxy(request: Request): boolean {
  if (!request.header('x-forwarded-host')) return false;
  const trusts = request.app.get('trust proxy fn') as ((address: string, hop: number) => boolean) | undefined;
  return Boolean(trusts?.(request.socket.remoteAddress ?? '', 0));
}

/** Refuses any request whose X-Twilio-Signature does not match the auth token, before anything else runs. */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  private readonly logger = new Logger(TwilioSignatureGuard.name);

  constructor(
    private readonly config: IvrConfig,
    private readonly metrics: MetricsService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    // Twilio's voice webhooks are always form-encoded; anything else is not Twilio.
    if (request.header('content-type') && !request.is('application/x-www-form-urlencoded')) {
      throw new UnsupportedMediaTypeException('Twilio webhooks are application/x-www-form-urlencoded');
    }
    const signature = request.header('x-twilio-signature');
    const url = signedUrl(request, this.config.publicBaseUrl);
    // In production the bare Host header never decides which URL was signed (see hostFromTrustedProxy).
    if (this.config.requireTrustedHost && !this.config.publicBaseUrl && !hostFromTrustedProxy(request)) {
      return this.refuse(
        'untrusted-host',
        url,
        request,
        'Set PUBLIC_BASE_URL to the URL Twilio calls (or TRUST_PROXY for a proxy that sends X-Forwarded-Host)',
      );
    }
    if (signature && this.isValid(signature, url, request.body)) return true;
    return this.refuse(
      signature ? 'invalid' : 'missing',
      url,
      request,
      signature ? 'Invalid X-Twilio-Signature' : 'Missing X-Twilio-Signature',
    );
  }

  private refuse(
    reason: 'invalid' | 'missing' | 'untrusted-host',
    url: string,
    request: Request,
    message: string,
  ): never {
    this.metrics.signatureRejections.inc({ reason });
    // No body, no signature in the log: just enough to find the misconfiguration.
    this.logger.warn({ event: 'webhook.signature_rejected', reason, url, method: request.method });
    throw new ForbiddenException(message);
  }

  /** Twilio signs flat form fields; any other body (JSON, nested values) or an unparsable URL cannot be valid. */
  private isValid(signature: string, url: string, body: unknown): boolean {
    const params = body === undefined || body === null ? {} : body;
    if (typeof params !== 'object' || Array.isArray(params)) return false;
    const flat = Object.values(params).every(
      (value) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string')),
    );
    if (!flat) return false;
    try {
      return twilio.validateRequest(
        this.config.twilioAuthToken,
        signature,
        url,
        params as Record<string, string | string[]>,
      );
    } catch {
      return false;
    }
  }
}
