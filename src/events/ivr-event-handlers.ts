import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IVR_EVENT_HANDLER } from './on-ivr-event.decorator.js';
import { IVR_EVENT_TYPES, type IvrEvent, type IvrEventType } from './ivr-event.js';
import type { HandlerSubscription } from './event-delivery.repository.js';

/** One `@OnIvrEvent` method of a host's provider. */
export interface IvrEventHandler extends HandlerSubscription {
  handle(event: IvrEvent): Promise<unknown>;
}

/**
 * The host's `@OnIvrEvent` methods, found once at start-up among every provider of the app. Each is a subscriber
 * named after its class and method (`handler:CrmSync.onCallEnded`): the name its deliveries are kept under, so it
 * must stay the same across restarts and instances.
 */
@Injectable()
export class IvrEventHandlers implements OnModuleInit {
  private readonly logger = new Logger(IvrEventHandlers.name);
  private found: IvrEventHandler[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, IvrEventHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      // Request-scoped and not-yet-built providers have no instance to call.
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const handler = instance[method];
        if (typeof handler !== 'function') continue;
        const types = this.reflector.get<IvrEventType[] | undefined>(IVR_EVENT_HANDLER, handler);
        if (!types) continue;
        const subscriber = `handler:${instance.constructor.name}.${method}`;
        if (found.has(subscriber)) {
          this.logger.warn(`${subscriber} is declared twice (two providers of one class): only the first is called`);
          continue;
        }
        found.set(subscriber, {
          subscriber,
          types: types.length > 0 ? types : [...IVR_EVENT_TYPES],
          // Through a promise, so a handler that throws at once is retried like one that rejects.
          handle: (event) =>
            Promise.resolve().then(() => (handler as (event: IvrEvent) => unknown).call(instance, event)),
        });
      }
    }
    this.found = [...found.values()];
  }

  all(): readonly IvrEventHandler[] {
    return this.found;
  }

  get(subscriber: string): IvrEventHandler | undefined {
    return this.found.find((handler) => handler.subscriber === subscriber);
  }
}
