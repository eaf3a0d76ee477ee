import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';
import type { DepartmentTranslations } from './translations.js';

/** A menu entry callers can reach by keypad digit or by saying one of its keywords. */
@Entity({ schema: IVR_SCHEMA, name: 'departments', synchronize: false })
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** "0"-"9", or null for a speech-only department. Unique among active departments. */
  @Column({ type: 'varchar', length: 1, nullable: true })
  digit: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** E.164 number or a sip: URI. */
  @Column({ name: 'phone_number', type: 'varchar', length: 255 })
  phoneNumber: string;

  /** Minimum speech confidence for this department; null falls back to settings.minConfidence. */
  @Column({ name: 'confidence_threshold', type: 'double precision', nullable: true })
  confidenceThreshold: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Whether its digit and keywords place it in the root menu; false: reached only through submenus. */
  @Column({ name: 'in_root_menu', type: 'boolean', default: true })
  inRootMenu: boolean;

  /** Its name and keywords in the other languages offered, by language code. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: DepartmentTranslations;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
