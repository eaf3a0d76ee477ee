import { SetMetadata } from '@nestjs/common';
import type { IvrEventType } from './ivr-event.js';

export const IVR_EVENT_HANDLER = 'ivr:event-handler';

/**
 * Marks a method of a host's provider as a handler of the IVR's events of these types (all types when none is
 * named). Each event is handed to it at least once, in order per call; a handler that throws gets it again later,
 * with backoff, without holding back other handlers or other calls. Handlers dedupe by `event.id`.
 */
export const OnIvrEvent = (...types: IvrEventType[]): MethodDecorator => SetMetadata(IVR_EVENT_HANDLER, types);
