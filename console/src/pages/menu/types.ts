// The admin API's answers the menu pages read, as docs/admin-api.md, docs/business-hours.md and docs/menus.md give them.

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly phoneNumber: string;
  readonly confidenceThreshold: number | null;
  readonly active: boolean;
  readonly position: number;
  readonly inRootMenu: boolean;
  readonly version: number;
}

export interface Settings {
  readonly minConfidence: number;
  readonly maxAttempts: number;
  readonly operatorNumber: string | null;
  readonly voice: string;
  readonly language: string;
  readonly gatherTimeoutSeconds: number;
  readonly dialTimeoutSeconds: number;
  readonly greeting: string;
  readonly transcribeVoicemail: boolean;
  readonly prompts: Readonly<Record<string, string>>;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Interval {
  readonly opens: string;
  readonly closes: string;
}

export interface DateOverride {
  readonly date: string;
  readonly name?: string | null;
  readonly hours: readonly Interval[];
}

export const CLOSED_ACTIONS = ['voicemail', 'forward', 'menu'] as const;
export type ClosedAction = (typeof CLOSED_ACTIONS)[number];

export interface Schedule {
  readonly timeZone: string;
  readonly weekly: Partial<Record<Weekday, readonly Interval[]>>;
  readonly overrides: readonly DateOverride[];
  readonly followCompanyHolidays: boolean;
  readonly closedAction: ClosedAction;
  readonly forwardTo: string | null;
  readonly hideWhenClosed: boolean;
  readonly version: number;
}

export interface Availability {
  readonly departmentId: string;
  readonly at: string;
  readonly timeZone: string | null;
  readonly open: boolean;
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  readonly reason: string;
}

export interface Holiday {
  readonly id: string;
  readonly date: string;
  readonly name: string;
  readonly version: number;
}

export interface HeardOption {
  readonly optionId: string | null;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly name: string;
  readonly action: string;
  readonly departmentId: string | null;
  readonly menuId: string | null;
  readonly closedNow: boolean;
  readonly heard: boolean;
  readonly menu?: HeardMenu;
}

export interface HeardMenu {
  readonly id: string;
  readonly name: string;
  readonly heard: boolean;
  readonly says: readonly string[];
  readonly keys: { readonly back: boolean; readonly repeat: boolean; readonly operator: boolean };
  readonly options: readonly HeardOption[];
}

export interface MissingText {
  readonly kind: string;
  readonly id?: string;
  readonly name?: string;
  readonly field: string;
}

export interface LanguageTree {
  readonly language: string;
  readonly name: string;
  readonly greeting: string;
  readonly menu: HeardMenu;
  readonly missing: readonly MissingText[];
}

export interface MenuTree {
  readonly at: string;
  readonly languages: readonly LanguageTree[];
}
