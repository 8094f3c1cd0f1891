/** Checks of the profile and preferences forms, run before anything is sent. */

import { isSlot } from "../../components/availability-grid/slots";
import { isTimeZone } from "../../components/time-zone-select";
import { LIMITS as SHARED } from "../../generated/limits";

export interface ProfileValues {
  name: string;
  displayName: string;
  pronouns: string;
  title: string;
  team: string;
  bio: string;
}

export interface PreferencesValues {
  timeZone: string;
  availability: string[];
  topics: string[];
  meetingLength: number | null;
}

export type Errors<T> = Partial<Record<keyof T, string>>;

// The API's own limits, checked here first so the person hears about them while typing.
const SHORT_TEXT = SHARED.shortText.maxLength;
export const LIMITS = {
  name: SHORT_TEXT,
  displayName: SHORT_TEXT,
  pronouns: SHARED.pronouns.maxLength,
  title: SHORT_TEXT,
  team: SHORT_TEXT,
  bio: SHARED.bio.maxLength,
  topics: SHARED.topics.maxItems,
  topic: SHARED.topic.maxLength,
} as const;

export const MEETING_LENGTH = SHARED.meetingLengthMinutes;
export const MEETING_LENGTH_CHOICES = [15, 20, 30, 45, 60, 90, 120] as const;

export function validateProfile(values: ProfileValues): Errors<ProfileValues> {
  const errors: Errors<ProfileValues> = {};
  const name = values.name.trim();
  if (name.length === 0) errors.name = "Enter the name colleagues know you by.";
  else if (name.length > LIMITS.name) errors.name = `Use at most ${LIMITS.name} characters.`;
  for (const key of ["displayName", "pronouns", "title", "team"] as const) {
    if (values[key].trim().length > LIMITS[key]) errors[key] = `Use at most ${LIMITS[key]} characters.`;
  }
  if (values.bio.length > LIMITS.bio) errors.bio = `Use at most ${LIMITS.bio} characters (now ${values.bio.length}).`;
  return errors;
}

export function validatePreferences(values: PreferencesValues): Errors<PreferencesValues> {
  const errors: Errors<PreferencesValues> = {};
  if (!isTimeZone(values.timeZone)) errors.timeZone = "Choose your time zone from the list.";
  if (values.availability.some((slot) => !isSlot(slot))) errors.availability = "Some selected hours are not valid; clear and pick them again.";
  if (values.topics.length > LIMITS.topics) errors.topics = `Choose at most ${LIMITS.topics} topics.`;
  else if (values.topics.some((topic) => topic.trim().length === 0 || topic.length > LIMITS.topic))
    errors.topics = `Each topic needs 1 to ${LIMITS.topic} characters.`;
  if (values.meetingLength === null) errors.meetingLength = "Choose how long you like to meet.";
  else if (!Number.isInteger(values.meetingLength) || values.meetingLength < MEETING_LENGTH.min || values.meetingLength > MEETING_LENGTH.max)
    errors.meetingLength = `Choose between ${MEETING_LENGTH.min} and ${MEETING_LENGTH.max} minutes.`;
  return errors;
}
