import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';
import type { PromptOverrides } from './caller-prompts.js';
import type { LanguageOffer } from './languages.js';
import type { SettingsTranslations } from './translations.js';

export const SETTINGS_ID = 1;

/** The single row of menu-wide settings (the table's check constraint keeps it single). */
@Entity({ schema: IVR_SCHEMA, name: 'settings', synchronize: false })
export class Settings {
  @PrimaryColumn({ type: 'smallint', default: SETTINGS_ID })
  id: number;

  @Column({ name: 'min_confidence', type: 'double precision', default: 0.6 })
  minConfidence: number;

  @Column({ name: 'max_attempts', type: 'integer', default: 3 })
  maxAttempts: number;

  @Column({ name: 'operator_number', type: 'varchar', length: 255, nullable: true })
  operatorNumber: string | null;

  @Column({ type: 'varchar', length: 64, default: 'Polly.Joanna' })
  voice: string;

  @Column({ type: 'varchar', length: 16, default: 'en-US' })
  language: string;

  @Column({ name: 'gather_timeout_seconds', type: 'integer', default: 5 })
  gatherTimeoutSeconds: number;

  @Column({ name: 'dial_timeout_seconds', type: 'integer', default: 20 })
  dialTimeoutSeconds: number;

  @Column({ type: 'text', default: 'Thank you for calling.' })
  greeting: string;

  /** Ask Twilio to transcribe voicemails (a paid feature, recordings of at most two minutes). */
  @Column({ name: 'transcribe_voicemail', type: 'boolean', default: false })
  transcribeVoicemail: boolean;

  /** Only the prompts an admin changed; effectivePrompts() fills in the defaults, so a new prompt needs no migration. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  prompts: PromptOverrides;

  /** The languages callers choose from, the default one included; empty: only `language`, no choice. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  languages: LanguageOffer[];

  /** A caller's country (Twilio's FromCountry) → the language they hear without being asked. */
  @Column({ name: 'language_by_country', type: 'jsonb', default: () => "'{}'" })
  languageByCountry: Record<string, string>;

  /** The greeting and prompts in the other languages, by language code; what is missing falls back to the default. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: SettingsTranslations;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
