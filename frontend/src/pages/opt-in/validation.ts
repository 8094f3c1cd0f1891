/** Checks of the opt-in form, run before anything is sent. */

import { isTimeZone } from "../../components/time-zone-select";
import { LIMITS } from "../../generated/limits";

export interface OptInValues {
  name: string;
  timeZone: string;
  consent: boolean;
}

export type OptInErrors = Partial<Record<keyof OptInValues, string>>;

export const NAME_MAX = LIMITS.shortText.maxLength;

export function validateOptIn(values: OptInValues): OptInErrors {
  const errors: OptInErrors = {};
  const name = values.name.trim();
  if (name.length === 0) errors.name = "Enter the name colleagues know you by.";
  else if (name.length > NAME_MAX) errors.name = `Use at most ${NAME_MAX} characters.`;
  if (!isTimeZone(values.timeZone)) errors.timeZone = "Choose your time zone from the list.";
  if (!values.consent) errors.consent = "Tick the box to take part in the coffee rounds.";
  return errors;
}
