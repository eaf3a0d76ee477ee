/** What the call flow needs to know about the menu, detached from the database. */
export interface MenuDepartment {
  readonly id: string;
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly phoneNumber: string;
  readonly confidenceThreshold: number | null;
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
}

export interface RoutingRules {
  readonly settings: MenuSettings;
  /** Active departments in menu order. */
  readonly departments: readonly MenuDepartment[];
}
