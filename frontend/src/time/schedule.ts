/** A cron schedule read in plain English (cronstrue); its next runs come from the server. */

import cronstrue from "cronstrue";

/** "At 10:30, only on Tuesday", or null when cronstrue cannot read the expression. */
export function describeSchedule(expression: string): string | null {
  if (expression.trim() === "") return null;
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, throwExceptionOnParseError: true, verbose: false });
  } catch {
    return null;
  }
}
