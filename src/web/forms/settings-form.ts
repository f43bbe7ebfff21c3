import { type DashboardSettings, SETTING_LIMITS } from '../../db/repositories/settings.js';
import { type FormBody, wholeNumberField } from './form-body.js';

export const SETTING_KEYS = Object.keys(SETTING_LIMITS) as (keyof DashboardSettings)[];

export interface ParsedSettingsForm {
  /** As typed, for showing the form again. */
  values: Record<keyof DashboardSettings, string>;
  errors: Partial<Record<keyof DashboardSettings, string>>;
  /** Every setting as a number; null while a field is not a whole number. */
  patch: DashboardSettings | null;
}

/** Reads the five settings; range checks are writeSettings' job (one rule, in the repository). */
export function parseSettingsForm(body: FormBody): ParsedSettingsForm {
  const values = {} as ParsedSettingsForm['values'];
  const errors: ParsedSettingsForm['errors'] = {};
  const patch = {} as DashboardSettings;
  for (const key of SETTING_KEYS) {
    const n = wholeNumberField(body, key);
    const raw = body[key];
    values[key] = typeof raw === 'string' ? raw.trim() : '';
    const { min, max } = SETTING_LIMITS[key];
    if (n === null || Number.isNaN(n)) errors[key] = `Enter a whole number from ${min} to ${max}.`;
    else patch[key] = n;
  }
  return { values, errors, patch: Object.keys(errors).length === 0 ? patch : null };
}

/** writeSettings' problems ("capacityWarnPercent must be …") → the field each one names. */
export function problemsByField(problems: string[]): ParsedSettingsForm['errors'] {
  const errors: ParsedSettingsForm['errors'] = {};
  for (const problem of problems) {
    const key = SETTING_KEYS.find((k) => problem.startsWith(`${k} `));
    if (!key) continue;
    const text = problem.slice(key.length + 1);
    const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`.replace('capacityCritPercent', 'the critical threshold');
    errors[key] = errors[key] ? `${errors[key]} ${sentence}` : sentence;
  }
  return errors;
}
