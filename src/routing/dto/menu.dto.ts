import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_PROMPT_LENGTH } from '../caller-prompts.js';
import type { MenuOption } from '../menu-option.entity.js';
import { MENU_OPTION_ACTIONS, type MenuOptionAction } from '../menu-tree.js';
import type { MenuWithOptions } from '../menu.entity.js';
import type { MenuTranslations, OptionTranslations } from '../translations.js';
import { IsTranslations } from './language-texts.validators.js';
import { IsOmittable, IsPrintableText, Trim, TrimEach } from './validators.js';

/** Ten digits and the speech-only options beside them; a menu read aloud longer than this loses its callers. */
export const MAX_MENU_OPTIONS = 20;
const MAX_NAME_LENGTH = 64;

const translationsSchema = (fields: Record<string, 'string' | 'keywords'>, example: object): ApiPropertyOptions => ({
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, kind]) => [
        name,
        kind === 'string'
          ? { type: 'string' as const }
          : { type: 'array' as const, items: { type: 'string' as const } },
      ]),
    ),
  },
  example,
  description:
    'Texts in other languages, by a language code Twilio both speaks and recognises (e.g. es-MX); ' +
    "a text left out is said in the default language's words",
});

export class MenuOptionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'On PATCH: an option of this menu to keep (and update); left out: a new option',
  })
  @IsOmittable()
  @IsUUID('all', { message: "id must be the id of one of this menu's options (leave it out for a new option)" })
  id?: string;

  @ApiPropertyOptional({ example: '1', nullable: true, description: '"0"-"9", or null for a speech-only option' })
  @IsOptional()
  @Matches(/^[0-9]$/, { message: 'digit must be a single digit "0"-"9" or null' })
  digit?: string | null;

  @ApiPropertyOptional({
    example: ['technical', 'tech support'],
    description:
      'Up to 20 phrases of at most 100 characters; on a department option, none: the department’s own keywords',
  })
  @IsOmittable()
  @TrimEach()
  @IsArray({ message: 'keywords must be an array of phrases' })
  @ArrayMaxSize(20, { message: 'keywords must have at most 20 phrases' })
  @ArrayUnique((keyword: unknown) => (typeof keyword === 'string' ? keyword.toLowerCase() : keyword), {
    message: 'keywords must not repeat a phrase',
  })
  @IsString({ each: true, message: 'each keyword must be text' })
  @MinLength(1, { each: true, message: 'each keyword must be a non-empty phrase' })
  @MaxLength(100, { each: true, message: 'each keyword must be at most 100 characters' })
  keywords?: string[];

  @ApiPropertyOptional({
    example: 'technical support',
    nullable: true,
    description:
      'What callers hear after "For"; null: the department’s or submenu’s name (needed on operator and voicemail options)',
  })
  @IsOptional()
  @Trim()
  @IsString({ message: `label must be 1 to ${MAX_NAME_LENGTH} characters, or null` })
  @Length(1, MAX_NAME_LENGTH, { message: `label must be 1 to ${MAX_NAME_LENGTH} characters, or null` })
  @IsPrintableText('label')
  label?: string | null;

  @ApiPropertyOptional(
    translationsSchema({ label: 'string', keywords: 'keywords' }, { 'es-MX': { label: 'soporte técnico' } }),
  )
  @IsOmittable()
  @IsTranslations('translations', {
    label: { kind: 'text', maxLength: MAX_NAME_LENGTH },
    keywords: { kind: 'keywords' },
  })
  translations?: OptionTranslations;

  @ApiProperty({ enum: MENU_OPTION_ACTIONS, description: 'What choosing it does' })
  @IsIn(MENU_OPTION_ACTIONS, { message: `action must be one of ${MENU_OPTION_ACTIONS.join(', ')}` })
  action: MenuOptionAction;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The department (action "department")' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a department id (a UUID)' })
  departmentId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The submenu (action "menu")' })
  @IsOptional()
  @IsUUID('all', { message: 'menuId must be a menu id (a UUID)' })
  menuId?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10000,
    description:
      'Order in the menu (in the root menu, among its departments’ positions); without it, the order of the list ' +
      '(in the root menu, after its departments)',
  })
  @IsOmittable()
  @IsInt({ message: 'position must be an integer between 0 and 10000' })
  @Min(0, { message: 'position must be an integer between 0 and 10000' })
  @Max(10000, { message: 'position must be an integer between 0 and 10000' })
  position?: number;
}

export class CreateMenuDto {
  @ApiProperty({ example: 'Technical support', minLength: 1, maxLength: MAX_NAME_LENGTH })
  @Trim()
  @IsString()
  @Length(1, MAX_NAME_LENGTH, { message: `name must be 1 to ${MAX_NAME_LENGTH} characters` })
  @IsPrintableText('name')
  name: string;

  @ApiPropertyOptional({
    example: 'Technical support.',
    nullable: true,
    description: 'Said before the options; null: straight to the options',
  })
  @IsOptional()
  @Trim()
  @IsString({ message: `prompt must be 1 to ${MAX_PROMPT_LENGTH} characters, or null` })
  @Length(1, MAX_PROMPT_LENGTH, { message: `prompt must be 1 to ${MAX_PROMPT_LENGTH} characters, or null` })
  @IsPrintableText('prompt')
  prompt?: string | null;

  @ApiPropertyOptional(
    translationsSchema(
      { name: 'string', prompt: 'string' },
      { 'es-MX': { name: 'soporte técnico', prompt: 'Soporte técnico.' } },
    ),
  )
  @IsOmittable()
  @IsTranslations('translations', {
    name: { kind: 'text', maxLength: MAX_NAME_LENGTH },
    prompt: { kind: 'text', maxLength: MAX_PROMPT_LENGTH },
  })
  translations?: MenuTranslations;

  @ApiPropertyOptional({ default: true, description: '`*` goes back one level (never on the root menu)' })
  @IsOmittable()
  @IsBoolean({ message: 'backKey must be true or false' })
  backKey?: boolean;

  @ApiPropertyOptional({ default: true, description: '`#` reads the menu again' })
  @IsOmittable()
  @IsBoolean({ message: 'repeatKey must be true or false' })
  repeatKey?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: '`0` puts the caller through to the operator (no option may then have digit 0)',
  })
  @IsOmittable()
  @IsBoolean({ message: 'operatorKey must be true or false' })
  operatorKey?: boolean;

  @ApiProperty({
    type: [MenuOptionDto],
    description: `At most ${MAX_MENU_OPTIONS}, in menu order. On PATCH: the whole new list`,
  })
  @IsArray({ message: 'options must be an array of options' })
  @ArrayMaxSize(MAX_MENU_OPTIONS, { message: `options must have at most ${MAX_MENU_OPTIONS} options` })
  @ValidateNested({ each: true })
  @Type(() => MenuOptionDto)
  options: MenuOptionDto[];
}

// null is validated (and refused) for the fields that cannot be null, instead of being skipped as "absent".
export class UpdateMenuDto extends PartialType(CreateMenuDto, { skipNullProperties: false }) {}

export class MenuOptionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty({ nullable: true, type: String }) digit: string | null;
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty(translationsSchema({ label: 'string', keywords: 'keywords' }, {})) translations: OptionTranslations;
  @ApiProperty({ enum: MENU_OPTION_ACTIONS }) action: MenuOptionAction;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) menuId: string | null;

  static from(option: MenuOption): MenuOptionResponse {
    return {
      id: option.id,
      position: option.position,
      digit: option.digit,
      keywords: option.keywords,
      label: option.label,
      translations: option.translations,
      action: option.action,
      departmentId: option.departmentId,
      menuId: option.targetMenuId,
    };
  }
}

export class MenuResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) prompt: string | null;
  @ApiProperty(translationsSchema({ name: 'string', prompt: 'string' }, {})) translations: MenuTranslations;
  @ApiProperty({ description: 'The menu callers hear first (its departments are those placed in the root menu)' })
  isRoot: boolean;
  @ApiProperty() backKey: boolean;
  @ApiProperty() repeatKey: boolean;
  @ApiProperty() operatorKey: boolean;
  @ApiProperty({ type: [MenuOptionResponse], description: 'In menu order' }) options: MenuOptionResponse[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  /** A menu read with its options (in menu order). */
  static from(menu: MenuWithOptions): MenuResponse {
    return {
      id: menu.id,
      name: menu.name,
      prompt: menu.prompt,
      translations: menu.translations,
      isRoot: menu.isRoot,
      backKey: menu.backKey,
      repeatKey: menu.repeatKey,
      operatorKey: menu.operatorKey,
      options: menu.options.map((option) => MenuOptionResponse.from(option)),
      createdAt: menu.createdAt.toISOString(),
      updatedAt: menu.updatedAt.toISOString(),
      version: menu.version,
    };
  }
}
