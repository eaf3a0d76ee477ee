import { ApiProperty } from '@nestjs/swagger';
import { MENU_OPTION_ACTIONS, type MenuOptionAction } from '../../routing/menu-tree.js';
import type { MenuFigures, OptionFigures } from '../menu-report.js';
import type { TimeRange } from '../report-range.js';

export class MenuFailuresResponse {
  @ApiProperty({ description: 'Answers that matched no option' }) noMatch: number;
  @ApiProperty({ description: 'Rounds without an answer (silence)' }) noInput: number;
  @ApiProperty({ description: 'Speech that matched an option with too low a confidence' }) lowConfidence: number;
}

export class MenuOptionReportResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: "The menu option; null: a department's own entry in the root menu (see departmentId)",
  })
  optionId: string | null;
  @ApiProperty({ enum: MENU_OPTION_ACTIONS }) action: MenuOptionAction;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The submenu it leads to' })
  targetMenuId: string | null;
  @ApiProperty({ nullable: true, type: String }) digit: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "Its label, else its department's or submenu's name; null: an operator or voicemail option without one",
  })
  name: string | null;
  @ApiProperty({ description: 'Menu rounds in the range that chose it' }) chosen: number;

  static from(option: OptionFigures): MenuOptionReportResponse {
    return {
      optionId: option.optionId,
      action: option.action,
      departmentId: option.departmentId,
      targetMenuId: option.targetMenuId,
      digit: option.digit,
      name: option.name,
      chosen: option.chosen,
    };
  }
}

export class MenuReportItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: deleted since; its figures stay' })
  name: string | null;
  @ApiProperty({ description: 'The menu callers hear first (after the choice of language)' }) root: boolean;
  @ApiProperty({
    description:
      'Calls that heard it: with a menu answer in it in the range, or that hung up in it (calls started in the range)',
  })
  reached: number;
  @ApiProperty({
    type: [MenuOptionReportResponse],
    description: "Its options as they are now, in menu order (the root's departments among them)",
  })
  options: MenuOptionReportResponse[];
  @ApiProperty({ description: 'Rounds that went back one level (*)' }) back: number;
  @ApiProperty({ description: 'Rounds that asked for the menu again (#)' }) repeat: number;
  @ApiProperty({ description: 'Rounds that asked for the operator: the 0 key or an operator option' }) operator: number;
  @ApiProperty({ type: MenuFailuresResponse, description: 'Failed rounds, by why' }) failures: MenuFailuresResponse;
  @ApiProperty({
    description:
      'Calls started in the range that ended abandoned while in it: not sent on to a department, the operator or voicemail',
  })
  hungUp: number;

  static from(menu: MenuFigures): MenuReportItemResponse {
    return {
      id: menu.id,
      name: menu.name,
      root: menu.isRoot,
      reached: menu.reached,
      options: menu.options.map((option) => MenuOptionReportResponse.from(option)),
      back: menu.back,
      repeat: menu.repeat,
      operator: menu.operator,
      failures: { ...menu.failures },
      hungUp: menu.hungUp,
    };
  }
}

export class MenuReportResponse {
  @ApiProperty({ description: 'Canonical UTC, inclusive' }) from: string;
  @ApiProperty({ description: 'Canonical UTC, exclusive' }) to: string;
  @ApiProperty({
    type: [MenuReportItemResponse],
    description: 'The root menu first, then the submenus by name, then menus deleted since that have figures',
  })
  menus: MenuReportItemResponse[];

  static from(range: TimeRange, menus: readonly MenuFigures[]): MenuReportResponse {
    return { from: range.from, to: range.to, menus: menus.map((menu) => MenuReportItemResponse.from(menu)) };
  }
}
