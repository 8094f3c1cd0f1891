/** Ready-made availabilities, in the person's own time zone like the grid itself. */

import { slotKey, sortSlots, WEEKDAYS, type Weekday } from "./slots";

export interface AvailabilityPreset {
  id: string;
  label: string;
  days: readonly Weekday[];
  /** First and last-plus-one hour, e.g. [9, 17] for 09:00–17:00. */
  hours: readonly [number, number];
}

const WORKDAYS: readonly Weekday[] = WEEKDAYS.slice(0, 5);

export const PRESETS: readonly AvailabilityPreset[] = [
  { id: "working-hours", label: "Working hours, Mon–Fri 09:00–17:00", days: WORKDAYS, hours: [9, 17] },
  { id: "mornings", label: "Weekday mornings, 09:00–12:00", days: WORKDAYS, hours: [9, 12] },
  { id: "lunchtimes", label: "Weekday lunchtimes, 12:00–14:00", days: WORKDAYS, hours: [12, 14] },
  { id: "afternoons", label: "Weekday afternoons, 13:00–17:00", days: WORKDAYS, hours: [13, 17] },
];

export function presetSlots(preset: AvailabilityPreset): string[] {
  const slots: string[] = [];
  for (const day of preset.days) {
    for (let hour = preset.hours[0]; hour < preset.hours[1]; hour += 1) slots.push(slotKey(day, hour));
  }
  return sortSlots(slots);
}
