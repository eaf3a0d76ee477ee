import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';

/** A processed webhook delivery: Twilio retries carry the same idempotency token and get this response back. */
@Entity({ schema: IVR_SCHEMA, name: 'webhook_receipts', synchronize: false })
export class WebhookReceipt {
  @PrimaryColumn({ name: 'call_sid', type: 'varchar', length: 64 })
  callSid: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  endpoint: string;

  @PrimaryColumn({ name: 'idempotency_token', type: 'varchar', length: 255 })
  idempotencyToken: string;

  @Column({ name: 'response_twiml', type: 'text' })
  responseTwiml: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
