import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';
import type { MenuOptionAction } from './menu-tree.js';
import type { OptionTranslations } from './translations.js';

/** One choice in a menu: a digit and speech keywords leading to a department, a submenu, the operator or voicemail. */
@Entity({ schema: IVR_SCHEMA, name: 'menu_options', synchronize: false })
export class MenuOption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The menu it belongs to (deleted with it); the options are read by menu id, so no relation is mapped. */
  @Column({ name: 'menu_id', type: 'uuid' })
  menuId: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  /** "0"-"9" (unique within its menu), or null for a speech-only option. */
  @Column({ type: 'varchar', length: 1, nullable: true })
  digit: string | null;

  /** In the default language; empty on a department's option: the department's own keywords. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** What callers hear after "For"; null: the department's or submenu's name. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  label: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: OptionTranslations;

  @Column({ type: 'varchar', length: 16 })
  action: MenuOptionAction;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ name: 'target_menu_id', type: 'uuid', nullable: true })
  targetMenuId: string | null;
}
