import { Injectable } from '@nestjs/common';

/** The current time, injected where a decision depends on it, so tests can set it. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
