import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { pgClientConfigOf } from '../database/pg-client-config.js';
import { DataSource } from 'typeorm';
import { ROUTING_CHANGED_CHANNEL, RoutingService } from './routing.service.js';

const RECONNECT_DELAY_MS = 1000;

/**
 * Holds one connection that LISTENs for menu changes made through any instance, reloads the menu on each
 * one (and on each connect), and reconnects when the connection drops.
 */
@Injectable()
export class RoutingChangeListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingChangeListener.name);
  private client: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.routing.setCacheable(false);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(pgClientConfigOf(this.dataSource.options, 'twilio-ivr-listener'));
    client.on('notification', () => void this.routing.changed());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ROUTING_CHANGED_CHANNEL}`);
      this.client = client;
      // Anything may have changed while we were not listening.
      this.routing.setCacheable(true);
      void this.routing.reload();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    // A late event from a connection already replaced changes nothing.
    if (this.client !== null && this.client !== client) return;
    this.client = null;
    this.routing.setCacheable(false);
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    if (error)
      this.logger.warn({
        event: 'routing.listener_lost',
        error: error instanceof Error ? error.message : 'connection ended',
      });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
