import { availabilityAt } from './business-hours.js';
import type { MenuDepartment, RoutingRules } from './routing-rules.js';

/**
 * The menu at a moment: departments closed then carry `closedNow`, except those that hide when
 * closed, which are left out (not named, not selectable), as if inactive.
 */
export function menuAt(rules: RoutingRules, at: Date): RoutingRules {
  const holidays = rules.holidays ?? [];
  const departments = rules.departments.flatMap((department): MenuDepartment[] => {
    if (!department.afterHours) return [department];
    const availability = availabilityAt(department.afterHours.hours, holidays, at);
    if (availability.open) return [department];
    if (department.afterHours.hideWhenClosed) return [];
    return [{ ...department, closedNow: { at, opensAt: availability.opensAt, reason: availability.reason } }];
  });
  return { ...rules, departments };
}
