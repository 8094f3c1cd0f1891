/** Weekly one-hour slots as the API names them: `ddd-HH` in the person's own time zone. */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export const HOURS: readonly number[] = Array.from({ length: 24 }, (_, hour) => hour);

export function slotKey(day: Weekday, hour: number): string {
  return `${day}-${String(hour).padStart(2, "0")}`;
}

const SLOT_PATTERN = /^(mon|tue|wed|thu|fri|sat|sun)-([01]\d|2[0-3])$/;

export function isSlot(value: string): boolean {
  return SLOT_PATTERN.test(value);
}

/** Slots in week order (Monday 00 first), without duplicates. */
export function sortSlots(slots: Iterable<string>): string[] {
  const order = (slot: string) => WEEKDAYS.indexOf(slot.slice(0, 3) as Weekday) * 24 + Number(slot.slice(4));
  return [...new Set(slots)].filter(isSlot).sort((a, b) => order(a) - order(b));
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** A short summary such as "Mon 09:00–12:00, Wed 14:00–15:00". */
export function describeSlots(slots: string[]): string {
  if (slots.length === 0) return "Any time";
  const parts: string[] = [];
  for (const day of WEEKDAYS) {
    const hours = slots.filter((s) => s.startsWith(day)).map((s) => Number(s.slice(4))).sort((a, b) => a - b);
    let start: number | undefined;
    let previous: number | undefined;
    const flush = () => {
      if (start !== undefined && previous !== undefined) {
        parts.push(`${WEEKDAY_LABELS[day].slice(0, 3)} ${hourLabel(start)}–${previous === 23 ? "24:00" : hourLabel(previous + 1)}`);
      }
    };
    for (const hour of hours) {
      if (previous !== undefined && hour === previous + 1) {
        previous = hour;
        continue;
      }
      flush();
      start = hour;
      previous = hour;
    }
    flush();
  }
  return parts.join(", ");
}
