import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';
import type { MenuOption } from './menu-option.entity.js';
import type { MenuTranslations } from './translations.js';

/** A level of the phone menu: what is said first, its options, and the standard keys it offers. */
@Entity({ schema: IVR_SCHEMA, name: 'menus', synchronize: false })
export class Menu {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** How callers hear it named in the menu above ("For {name}, press 2"), and how admins see it. */
  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Said before the options; null: straight to the options. */
  @Column({ type: 'text', nullable: true })
  prompt: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: MenuTranslations;

  /** The menu callers hear first (exactly one; its departments are the departments placed in the root menu). */
  @Column({ name: 'is_root', type: 'boolean', default: false })
  isRoot: boolean;

  /** `*` goes back one level (never on the root). */
  @Column({ name: 'back_key', type: 'boolean', default: true })
  backKey: boolean;

  /** `#` reads the menu again. */
  @Column({ name: 'repeat_key', type: 'boolean', default: true })
  repeatKey: boolean;

  /** `0` puts the caller through to the operator. */
  @Column({ name: 'operator_key', type: 'boolean', default: false })
  operatorKey: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A menu read with its options, in menu order (the entities map no relation: see MenuOption.menuId). */
export type MenuWithOptions = Menu & { readonly options: MenuOption[] };
