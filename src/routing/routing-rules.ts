import type { AvailabilityReason, BusinessHours, Holiday } from './business-hours.js';
import type { CallerPrompts } from './caller-prompts.js';
import type { LanguageOffer } from './languages.js';
import type { MenuTree } from './menu-tree.js';
import type { DepartmentTranslations, SettingsTranslations } from './translations.js';

export const CLOSED_ACTIONS = ['voicemail', 'forward', 'menu'] as const;
export type ClosedActionKind = (typeof CLOSED_ACTIONS)[number];

/** What a caller who picks a closed department gets. */
export type ClosedAction =
  { readonly kind: 'voicemail' } | { readonly kind: 'forward'; readonly number: string } | { readonly kind: 'menu' };

/** A department's schedule and what it does while closed. */
export interface AfterHours {
  readonly hours: BusinessHours;
  readonly closedAction: ClosedAction;
  /** While closed, leave the department out of the menu altogether (not named, not selectable). */
  readonly hideWhenClosed: boolean;
}

/** A department closed at the moment a webhook arrived. */
export interface ClosedNow {
  readonly at: Date;
  readonly opensAt: Date | null;
  readonly reason: AvailabilityReason;
}

/** What the call flow needs to know about the menu, detached from the database. */
export interface MenuDepartment {
  readonly id: string;
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly phoneNumber: string;
  readonly confidenceThreshold: number | null;
  /** Menu order in the root menu. */
  readonly position?: number;
  /** Whether its digit and keywords place it in the root menu (absent: yes). */
  readonly inRootMenu?: boolean;
  readonly translations?: DepartmentTranslations;
  /** Absent or null: no schedule, always open. */
  readonly afterHours?: AfterHours | null;
  /** Set by menuAt() when the department is closed at the webhook's moment; absent means open. */
  readonly closedNow?: ClosedNow;
}

export interface MenuSettings {
  readonly minConfidence: number;
  readonly maxAttempts: number;
  readonly operatorNumber: string | null;
  readonly voice: string;
  readonly language: string;
  readonly gatherTimeoutSeconds: number;
  readonly dialTimeoutSeconds: number;
  readonly greeting: string;
  /** Voicemails are recorded with Twilio's transcription, its text sent to the transcription webhook. */
  readonly transcribeVoicemail: boolean;
  /** Every other sentence a caller hears: the admin's wording where changed, the defaults elsewhere. */
  readonly prompts: CallerPrompts;
  /** The languages callers choose from (empty or absent: only `language`). */
  readonly languages?: readonly LanguageOffer[];
  readonly languageByCountry?: Readonly<Record<string, string>>;
  /** The greeting and prompts in the other languages. */
  readonly translations?: SettingsTranslations;
}

export interface RoutingRules {
  readonly settings: MenuSettings;
  /** Active departments in menu order. */
  readonly departments: readonly MenuDepartment[];
  /** The company's holiday calendar (dates every department with a schedule is closed, unless it opts out). */
  readonly holidays?: readonly Holiday[];
  /** The root menu's own options and the submenus (absent: the root menu is the departments alone). */
  readonly menus?: MenuTree;
}
