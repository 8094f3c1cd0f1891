/** Checks of the pause form: the last paused day is today or later, within a year. */

import { addDays } from "../../time/zoned";

export const MAX_PAUSE_DAYS = 365;

export interface PauseValues {
  mode: "indefinite" | "until";
  until: string;
}

export function validatePause(values: PauseValues, today: string): string | undefined {
  if (values.mode === "indefinite") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.until)) return "Choose the last day you want to be paused.";
  if (values.until < today) return "Choose today or a later day.";
  if (values.until > addDays(today, MAX_PAUSE_DAYS)) return `Pause for at most ${MAX_PAUSE_DAYS} days; you can pause again later.`;
  return undefined;
}
