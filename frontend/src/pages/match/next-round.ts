/** What the match page says about the next round, given whether and until when I am paused. */

import type { ParticipationStatus } from "../../gql/graphql";
import { formatDate, formatDateTime, todayIn } from "../../time/zoned";

export interface RoundSchedule {
  /** The next scheduled round, an ISO instant, or null when none is scheduled. */
  nextRoundAt: string | null;
  /** The deployment's time zone, which decides the round's date. */
  timeZone: string;
}

/** Whether I am in the next round: not when paused through (or past) its date. */
export function inNextRound(status: ParticipationStatus, pausedUntil: string | null | undefined, schedule: RoundSchedule): boolean {
  if (status === "ACTIVE") return true;
  if (status !== "PAUSED" || schedule.nextRoundAt === null) return false;
  if (!pausedUntil) return false;
  return todayIn(schedule.timeZone, new Date(schedule.nextRoundAt)) > pausedUntil;
}

/** "Monday 30 November 2026, 09:00 (Europe/Berlin)", or null when no round is scheduled. */
export function nextRoundText(schedule: RoundSchedule, myTimeZone: string): string | null {
  if (schedule.nextRoundAt === null) return null;
  return `${formatDateTime(schedule.nextRoundAt, myTimeZone)} (${myTimeZone})`;
}

/** The sentence under "No match yet" that tells the truth about the next round. */
export function emptyMatchText(status: ParticipationStatus, pausedUntil: string | null | undefined, schedule: RoundSchedule, myTimeZone: string): string {
  const next = nextRoundText(schedule, myTimeZone);
  if (status === "PAUSED") {
    const until = pausedUntil ? `You are paused through ${formatDate(pausedUntil)}` : "You are paused until you resume";
    if (next === null) return `${until}. No round is scheduled yet.`;
    return inNextRound(status, pausedUntil, schedule)
      ? `${until}. You are back in the next round, ${next}.`
      : `${until}, so you are not in the next round, ${next}. Resume to be included.`;
  }
  if (next === null) return "No round is scheduled yet. Your match appears here as soon as an admin runs one; there is no need to reload.";
  return `The next round runs ${next}. Your match appears here as soon as it runs; there is no need to reload.`;
}
