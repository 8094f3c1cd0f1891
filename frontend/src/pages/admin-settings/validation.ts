/** Checks of the deployment settings form. */

import { isTimeZone } from "../../components/time-zone-select";
import type { Channel } from "../../gql/graphql";
import { LIMITS } from "../../generated/limits";
import { cronProblem } from "../../time/cron";

export interface SettingsValues {
  schedule: string;
  timeZone: string;
  meetingSize: string;
  repeatWindow: string;
  preferCrossTeam: boolean;
  adminEmails: string;
  allowedEmailDomains: string;
  channels: Channel[];
  reminderDelayDays: string;
  gracePeriodHours: string;
}

export type SettingsErrors = Partial<Record<keyof SettingsValues, string>>;

export const BOUNDS = {
  meetingSize: [LIMITS.groupSize.min, LIMITS.groupSize.max],
  repeatWindow: [LIMITS.repeatWindow.min, LIMITS.repeatWindow.max],
  reminderDelayDays: [LIMITS.reminderDelayDays.min, LIMITS.reminderDelayDays.max],
  gracePeriodHours: [LIMITS.gracePeriodHours.min, LIMITS.gracePeriodHours.max],
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function integerIn(text: string, [min, max]: readonly [number, number]): string | undefined {
  if (!/^\d+$/.test(text.trim())) return `Enter a whole number from ${min} to ${max}.`;
  const value = Number(text);
  return value < min || value > max ? `Enter a whole number from ${min} to ${max}.` : undefined;
}

export function validateSettings(values: SettingsValues): SettingsErrors {
  const errors: SettingsErrors = {};
  const cron = cronProblem(values.schedule);
  if (cron) errors.schedule = cron;
  if (!isTimeZone(values.timeZone)) errors.timeZone = "Choose a time zone from the list.";
  for (const key of ["meetingSize", "repeatWindow", "reminderDelayDays", "gracePeriodHours"] as const) {
    const problem = integerIn(values[key], BOUNDS[key]);
    if (problem) errors[key] = problem;
  }
  const admins = splitList(values.adminEmails);
  const badAdmin = admins.find((email) => !EMAIL.test(email));
  if (admins.length === 0) errors.adminEmails = "Keep at least one admin.";
  else if (badAdmin) errors.adminEmails = `"${badAdmin}" is not an email address.`;
  const badDomain = splitList(values.allowedEmailDomains).find((domain) => !DOMAIN.test(domain));
  if (badDomain) errors.allowedEmailDomains = `"${badDomain}" is not a domain such as example.com.`;
  if (values.channels.length === 0) errors.channels = "Keep at least one channel.";
  return errors;
}
