import { type CallerPrompts, fillPrompt } from './caller-prompts.js';
import type { LevelOption, MenuLevel } from './menu-tree.js';

/** An option's line in its menu: how to choose it, and a closed department named as closed. */
function optionLine(option: LevelOption, prompts: CallerPrompts): string {
  const spoken = option.keywords[0];
  // Callers learn a department is closed from the menu itself; choosing it gives its after-hours action.
  const closed = option.target.kind === 'department' && option.target.department.closedNow;
  const name = closed ? fillPrompt(prompts, 'menuClosedDepartment', { department: option.name }) : option.name;
  const { digit } = option;
  if (digit !== null && spoken)
    return fillPrompt(prompts, 'menuOptionDigitAndKeyword', { department: name, digit, keyword: spoken });
  if (digit !== null) return fillPrompt(prompts, 'menuOptionDigit', { department: name, digit });
  return fillPrompt(prompts, 'menuOptionKeyword', { department: name, keyword: spoken ?? option.name });
}

/** The standard keys the level offers, after its options. */
function keyLines(level: MenuLevel, prompts: CallerPrompts): string[] {
  return [
    level.keys.back && level.path.length > 0 ? prompts.menuBackKey : null,
    level.keys.repeat ? prompts.menuRepeatKey : null,
    level.keys.operator ? prompts.menuOperatorKey : null,
  ].filter((line): line is string => line !== null);
}

/** What a menu level says after any notice or greeting: its prompt, its options, its standard keys. */
export function menuLines(level: MenuLevel, prompts: CallerPrompts): string[] {
  return [
    ...(level.prompt ? [level.prompt] : []),
    ...level.options.map((option) => optionLine(option, prompts)),
    ...keyLines(level, prompts),
  ];
}
