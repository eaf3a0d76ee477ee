import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MENU_OPTION_ACTIONS, type MenuOptionAction } from '../menu-tree.js';
import type { HeardMenu } from '../menu-tree-heard.js';
import { IsOmittable } from './validators.js';
import type { MissingTranslation } from '../missing-translations.js';
import { MissingTranslationResponse } from './languages.dto.js';

export class MenuTreeQueryDto {
  @ApiPropertyOptional({ example: 'es-MX', description: 'One of the languages offered; left out: every one of them' })
  @IsOmittable()
  @IsString({ message: 'language must be a language code such as es-MX' })
  @MaxLength(35, { message: 'language must be a language code such as es-MX' })
  language?: string;
}

export class MenuKeysResponse {
  @ApiProperty({ description: '`*` goes back one level' }) readonly back: boolean;
  @ApiProperty({ description: '`#` reads the menu again' }) readonly repeat: boolean;
  @ApiProperty({ description: '`0` puts the caller through to the operator' }) readonly operator: boolean;
}

export class HeardOptionResponse {
  @ApiProperty({ nullable: true, type: String, description: 'null: a department placed in the root menu' })
  readonly optionId: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly digit: string | null;
  @ApiProperty({ type: [String] }) readonly keywords: readonly string[];
  @ApiProperty({ description: 'What is said after "For"' }) readonly name: string;
  @ApiProperty({ enum: MENU_OPTION_ACTIONS }) readonly action: MenuOptionAction;
  @ApiProperty({ nullable: true, type: String }) readonly departmentId: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly menuId: string | null;
  @ApiProperty({
    description: 'Its department is closed now (named as closed; choosing it gives its after-hours action)',
  })
  readonly closedNow: boolean;
  @ApiProperty({
    description:
      'Read out now; false: an inactive department, one hidden while closed, or a submenu with nothing to offer now',
  })
  readonly heard: boolean;
  // Typed by the interface: the class is declared below, and a decorated property's class is read at once.
  @ApiPropertyOptional({ type: () => HeardMenuResponse, description: 'The submenu it opens' })
  readonly menu?: HeardMenu;
}

export class HeardMenuResponse {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly name: string;
  @ApiProperty({ description: 'Callers can reach it now' }) readonly heard: boolean;
  @ApiProperty({ type: [String], description: 'What it says, sentence by sentence: prompt, options, standard keys' })
  readonly says: readonly string[];
  @ApiProperty({ type: MenuKeysResponse }) readonly keys: MenuKeysResponse;
  @ApiProperty({ type: [HeardOptionResponse], description: 'Those heard in menu order, then those not heard now' })
  readonly options: readonly HeardOptionResponse[];
}

export class LanguageTreeResponse {
  @ApiProperty({ example: 'es-MX' }) readonly language: string;
  @ApiProperty({ example: 'Español', description: 'As callers choose it' }) readonly name: string;
  @ApiProperty({ description: 'Said before the root menu' }) readonly greeting: string;
  @ApiProperty({ type: HeardMenuResponse, description: 'The root menu, its submenus nested under their options' })
  readonly menu: HeardMenuResponse;
  @ApiProperty({
    type: [MissingTranslationResponse],
    description: "The texts without a translation in this language, said in the default language's words",
  })
  readonly missing: readonly MissingTranslation[];
}

export class MenuTreeResponse {
  @ApiProperty({ description: 'The moment the tree is heard at (business hours)' }) readonly at: string;
  @ApiProperty({ type: [LanguageTreeResponse], description: 'The default language first' })
  readonly languages: readonly LanguageTreeResponse[];

  static from(
    at: Date,
    languages: readonly {
      language: string;
      name: string;
      greeting: string;
      menu: HeardMenu;
      missing: readonly MissingTranslation[];
    }[],
  ) {
    return { at: at.toISOString(), languages } satisfies MenuTreeResponse;
  }
}
