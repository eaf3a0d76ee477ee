import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Department } from '../department.entity.js';
import type { DepartmentTranslations } from '../translations.js';
import { DepartmentTranslationsRules } from './translations.dto.js';
import { IsDiallable, IsOmittable, IsPrintableText, KeywordRules, Trim } from './validators.js';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'Sales', minLength: 1, maxLength: 64 })
  @Trim()
  @IsString()
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @IsPrintableText('name')
  name: string;

  @ApiPropertyOptional({
    example: '1',
    nullable: true,
    description: 'Keypad digit "0"-"9", or null for a speech-only department',
  })
  @IsOptional()
  @Matches(/^[0-9]$/, { message: 'digit must be a single digit "0"-"9" or null' })
  digit?: string | null;

  @ApiProperty({
    example: ['sales', 'buy'],
    description: '1-20 phrases of at most 100 characters, matched as whole words',
  })
  @KeywordRules('keywords', 'each keyword')
  keywords: string[];

  @ApiProperty({ example: '+15551234567', description: 'E.164 number or sip: URI' })
  @Trim()
  @IsDiallable('phoneNumber')
  phoneNumber: string;

  @ApiPropertyOptional({
    example: 0.7,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'null: the global minConfidence',
  })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'confidenceThreshold must be a number between 0 and 1, or null' },
  )
  @Min(0, { message: 'confidenceThreshold must be a number between 0 and 1, or null' })
  @Max(1, { message: 'confidenceThreshold must be a number between 0 and 1, or null' })
  confidenceThreshold?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10000,
    description:
      'Menu order (ascending, then name). Without it, a new department goes after the last one ' +
      '(the largest position + 1, inactive departments included; 0 for the first)',
  })
  @IsOptional()
  @IsInt({ message: 'position must be an integer between 0 and 10000' })
  @Min(0, { message: 'position must be an integer between 0 and 10000' })
  @Max(10000, { message: 'position must be an integer between 0 and 10000' })
  position?: number;

  @ApiPropertyOptional({
    default: true,
    description:
      'Whether its digit and keywords place it in the root menu; false: callers reach it only through the ' +
      'submenus that offer it',
  })
  @IsOmittable()
  @IsBoolean({ message: 'inRootMenu must be true or false' })
  inRootMenu?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    example: { 'es-MX': { name: 'Ventas', keywords: ['ventas', 'comprar'] } },
    additionalProperties: {
      type: 'object',
      properties: { name: { type: 'string' }, keywords: { type: 'array', items: { type: 'string' } } },
    },
    description:
      'Its name and keywords in other languages, by language code, with the limits of name and keywords; ' +
      'replaced as a whole ({} for none). What is missing falls back to name and keywords',
  })
  @DepartmentTranslationsRules()
  translations?: DepartmentTranslations;
}

// null is validated (and refused) for the fields that cannot be null, instead of being skipped as "absent".
export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto, { skipNullProperties: false }) {}

export class DepartmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) digit: string | null;
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty() phoneNumber: string;
  @ApiProperty({ nullable: true, type: Number }) confidenceThreshold: number | null;
  @ApiProperty() active: boolean;
  @ApiProperty() position: number;
  @ApiProperty() inRootMenu: boolean;
  @ApiProperty({
    type: 'object',
    example: { 'es-MX': { name: 'Ventas', keywords: ['ventas'] } },
    additionalProperties: {
      type: 'object',
      properties: { name: { type: 'string' }, keywords: { type: 'array', items: { type: 'string' } } },
    },
  })
  translations: DepartmentTranslations;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  static from(department: Department): DepartmentResponse {
    return {
      id: department.id,
      name: department.name,
      digit: department.digit,
      keywords: department.keywords,
      phoneNumber: department.phoneNumber,
      confidenceThreshold: department.confidenceThreshold,
      active: department.active,
      position: department.position,
      inRootMenu: department.inRootMenu,
      translations: department.translations ?? {},
      createdAt: department.createdAt.toISOString(),
      updatedAt: department.updatedAt.toISOString(),
      version: department.version,
    };
  }
}
