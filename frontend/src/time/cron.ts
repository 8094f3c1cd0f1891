/** Five-field cron expressions: validation, the next runs in a time zone, and a plain-English reading. */

export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

export class CronError extends Error {}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_LABELS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesStart?: number;
}

const SPECS: FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES, namesStart: 1 },
  { name: "day of week", min: 0, max: 7, names: DAY_NAMES, namesStart: 0 },
];

function parseValue(raw: string, spec: FieldSpec): number {
  const lower = raw.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.namesStart ?? 0);
  if (!/^\d+$/.test(raw)) throw new CronError(`"${raw}" is not a valid ${spec.name}.`);
  const value = Number(raw);
  if (value < spec.min || value > spec.max) throw new CronError(`The ${spec.name} must be between ${spec.min} and ${spec.max}, not ${value}.`);
  return value;
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`"${part}" has an invalid step in the ${spec.name} field.`);
    let start: number;
    let end: number;
    if (range === "*") {
      start = spec.min;
      end = spec.max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-") as [string, string];
      start = parseValue(a, spec);
      end = parseValue(b, spec);
      if (end < start) throw new CronError(`"${range}" runs backwards in the ${spec.name} field.`);
    } else {
      start = parseValue(range, spec);
      end = stepText === undefined ? start : spec.max;
    }
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === "") {
    throw new CronError("Use five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * mon.");
  }
  const [m, h, dom, mon, dow] = parts.map((part, i) => parseField(part, SPECS[i] as FieldSpec)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  // 7 is a second name for Sunday.
  if (dow.delete(7)) dow.add(0);
  return { minutes: m, hours: h, daysOfMonth: dom, months: mon, daysOfWeek: dow, domRestricted: parts[2] !== "*", dowRestricted: parts[4] !== "*" };
}

export function cronProblem(expression: string): string | undefined {
  try {
    parseCron(expression);
    return undefined;
  } catch (error) {
    return error instanceof CronError ? error.message : "Not a valid cron expression.";
  }
}

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      month: "numeric",
      day: "numeric",
      weekday: "short",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: DAY_NAMES.indexOf((parts.weekday ?? "").toLowerCase().slice(0, 3)),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

function dayMatches(fields: CronFields, clock: WallClock): boolean {
  const dom = fields.daysOfMonth.has(clock.day);
  const dow = fields.daysOfWeek.has(clock.weekday);
  // As in Vixie cron: when both day fields are restricted, either one may match.
  if (fields.domRestricted && fields.dowRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE = 60_000;

/** The next `count` instants after `from` at which the schedule fires, read in `timeZone`. */
export function nextRuns({ expression, timeZone, from = new Date(), count = 5 }: { expression: string; timeZone: string; from?: Date; count?: number }): Date[] {
  const fields = parseCron(expression);
  const runs: Date[] = [];
  let t = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
  const limit = t + 366 * 5 * 24 * 60 * MINUTE;
  while (runs.length < count && t < limit) {
    const clock = wallClock(new Date(t), timeZone);
    if (!fields.months.has(clock.month) || !dayMatches(fields, clock)) {
      t += ((23 - clock.hour) * 60 + (60 - clock.minute)) * MINUTE;
    } else if (!fields.hours.has(clock.hour)) {
      t += (60 - clock.minute) * MINUTE;
    } else if (!fields.minutes.has(clock.minute)) {
      t += MINUTE;
    } else {
      runs.push(new Date(t));
      t += MINUTE;
    }
  }
  return runs;
}

function list(values: string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} and ${values[values.length - 1] ?? ""}`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** A plain reading such as "At 09:00 on Monday" or "At 10:30 on the 1st of every month". */
export function describeCron(expression: string): string {
  const fields = parseCron(expression);
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const minutes = sorted(fields.minutes);
  const hours = sorted(fields.hours);
  let when: string;
  if (minutes.length * hours.length <= 6) {
    when = `At ${list(hours.flatMap((h) => minutes.map((m) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`)))}`;
  } else if (hours.length === 24 && minutes.length === 1) {
    when = `At minute ${minutes[0]} of every hour`;
  } else {
    when = `At ${minutes.length} minute(s) in each of ${hours.length} hour(s)`;
  }
  const parts = [when];
  if (fields.dowRestricted) parts.push(`on ${list(sorted(fields.daysOfWeek).map((d) => DAY_LABELS[d] ?? ""))}`);
  if (fields.domRestricted) parts.push(`${fields.dowRestricted ? "or " : ""}on the ${list(sorted(fields.daysOfMonth).map(ordinal))} of the month`);
  if (fields.months.size < 12) {
    const names = sorted(fields.months).map((m) => new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, m - 1, 1))));
    parts.push(`in ${list(names)}`);
  }
  if (!fields.dowRestricted && !fields.domRestricted) parts.push("every day");
  return parts.join(" ");
}
