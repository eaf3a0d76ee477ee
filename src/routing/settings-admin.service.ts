import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { toJsonValue } from '../audit/audit-log-entry.entity.js';
import type { AuditActor } from '../audit/audit.service.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { changePrompts, effectivePrompts } from './caller-prompts.js';
import { RoutingService } from './routing.service.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';
import { withoutUnchanged } from '../admin-api/changes.js';
import { SettingsResponse, type UpdateSettingsDto } from './dto/settings.dto.js';
import { assertIfMatch } from '../admin-api/etag.js';
import { InvalidFieldsError } from '../admin-api/admin-errors.js';
import type { LanguageOffer } from './languages.js';
import { changeTranslations, languageSettingsProblems } from './language-settings.js';

/** Reads and edits the menu-wide settings row, audited and announced like department changes. */
@Injectable()
export class SettingsAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly changes: RoutingChangeRecorder,
    private readonly routing: RoutingService,
  ) {}

  async get(): Promise<Settings> {
    return this.dataSource.getRepository(Settings).findOneByOrFail({ id: SETTINGS_ID });
  }

  async update(actor: AuditActor, ifMatch: string | undefined, dto: UpdateSettingsDto): Promise<Settings> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(Settings, {
        where: { id: SETTINGS_ID },
        lock: { mode: 'pessimistic_write' },
      });
      assertIfMatch(ifMatch, current.version);
      const changes = settingsChanges(current, dto);
      if (Object.keys(changes).length === 0) return current;
      assertLanguagesFit(current, changes);
      await manager.save(Settings, Object.assign(manager.create(Settings), current, changes));
      const saved = await manager.findOneByOrFail(Settings, { id: SETTINGS_ID });
      await this.changes.record(manager, actor, {
        action: 'update',
        entityType: 'settings',
        entityId: String(SETTINGS_ID),
        before: toJsonValue(SettingsResponse.from(current)),
        after: toJsonValue(SettingsResponse.from(saved)),
      });
      return saved;
    });
    this.routing.invalidate();
    return updated;
  }
}

/** What the request changes; prompts and translations are merged over the current ones, the rest replaced. */
function settingsChanges(
  current: Settings,
  { prompts, languages, languageByCountry, translations, ...fields }: UpdateSettingsDto,
): Partial<Settings> {
  const changes = withoutUnchanged<Settings>(current, fields);
  if (prompts) {
    const next = changePrompts(current.prompts, prompts);
    // Compared as callers hear them: stored keys have jsonb's order, and may be stale.
    if (!isDeepStrictEqual(effectivePrompts(next), effectivePrompts(current.prompts))) changes.prompts = next;
  }
  // Compared by value, not as JSON text: jsonb keeps an object's keys in an order of its own.
  if (languages && !isDeepStrictEqual(languages.map(storedOffer), current.languages))
    changes.languages = languages.map(storedOffer);
  if (languageByCountry && !isDeepStrictEqual({ ...languageByCountry }, current.languageByCountry))
    changes.languageByCountry = { ...languageByCountry };
  if (translations) {
    const next = changeTranslations(current.translations, translations);
    if (!isDeepStrictEqual(next, current.translations)) changes.translations = next;
  }
  return changes;
}

/** An offer as stored: what was sent, without the optional fields left empty. */
function storedOffer({ code, name, digit, keywords, voice }: LanguageOffer): LanguageOffer {
  return {
    code,
    name,
    digit,
    ...(keywords && keywords.length > 0 ? { keywords: [...keywords] } : {}),
    ...(voice ? { voice } : {}),
  };
}

/** The language settings after the change fit together (checked only when the change touches them). */
function assertLanguagesFit(current: Settings, changes: Partial<Settings>): void {
  const touched = ['language', 'languages', 'languageByCountry', 'translations'].some((key) => key in changes);
  if (!touched) return;
  const next = { ...current, ...changes };
  const problems = languageSettingsProblems(
    {
      language: next.language,
      languages: next.languages ?? [],
      languageByCountry: next.languageByCountry ?? {},
      translations: next.translations ?? {},
    },
    'language' in changes,
  );
  if (problems.length > 0) throw new InvalidFieldsError(problems);
}
