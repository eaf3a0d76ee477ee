import { BadRequestException } from '@nestjs/common';
import { DEFAULT_PROMPTS } from '../caller-prompts.js';
import { strictValidationPipe } from '../../common/validation.js';
import { UpdateSettingsDto } from './settings.dto.js';

const sut = strictValidationPipe();

async function validated(body: unknown): Promise<UpdateSettingsDto> {
  return (await sut.transform(body, { type: 'body', metatype: UpdateSettingsDto })) as UpdateSettingsDto;
}

async function messages(body: unknown): Promise<string[]> {
  try {
    await validated(body);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string[] }).message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('UpdateSettingsDto prompts', () => {
  it('accepts every prompt key', async () => {
    const dto = await validated({ prompts: { ...DEFAULT_PROMPTS } });

    expect({ ...dto.prompts }).toMatchObject(DEFAULT_PROMPTS);
  });

  it('trims each text', async () => {
    const dto = await validated({ prompts: { noMatch: '  Try again.  ' } });

    expect(dto.prompts?.noMatch).toBe('Try again.');
  });

  it.each([
    [{ prompts: { noMatch: '' } }, 'prompts.noMatch must be 1 to 500 characters'],
    [{ prompts: { noMatch: '   ' } }, 'prompts.noMatch must be 1 to 500 characters'],
    [{ prompts: { noMatch: 'a'.repeat(501) } }, 'prompts.noMatch must be 1 to 500 characters'],
    [{ prompts: { noMatch: 42 } }, 'prompts.noMatch must be a string'],
    [{ prompts: { noMatch: null } }, 'prompts.noMatch must be a string'],
    [{ prompts: { noMatch: 'Line one.\nLine two.' } }, 'prompts.noMatch must not contain control characters'],
    [{ prompts: { nomatch: 'Try again.' } }, 'property nomatch should not exist'],
    [{ prompts: 'Try again.' }, 'prompts must be an object of prompt texts by key'],
    [{ prompts: null }, 'prompts must be an object of prompt texts by key'],
    [{ prompts: { noMatch: 'Not {department}.' } }, 'prompts.noMatch may use no placeholders (not {department})'],
    [
      { prompts: { connectingToDepartment: 'To {team} at {digit}.' } },
      'prompts.connectingToDepartment may use only {department} (not {team}, {digit})',
    ],
    [
      { prompts: { departmentHours: 'Open { hours }.' } },
      'prompts.departmentHours may use only {hours}, {timeZone} (not { hours })',
    ],
  ])('refuses %j', async (body, message) => {
    expect((await messages(body)).join('\n')).toContain(message);
  });

  it('accepts 500 characters and a template with its own placeholders', async () => {
    await expect(
      validated({ prompts: { noMatch: 'a'.repeat(500), connectingToDepartment: '{department}, here we go.' } }),
    ).resolves.toBeInstanceOf(UpdateSettingsDto);
  });
});
