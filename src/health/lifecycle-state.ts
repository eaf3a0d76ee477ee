import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Whether the app is on its way down: readiness fails first, so load balancers stop sending work while requests in flight finish. */
@Injectable()
export class LifecycleState implements BeforeApplicationShutdown {
  private stopping = false;

  get shuttingDown(): boolean {
    return this.stopping;
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }
}
