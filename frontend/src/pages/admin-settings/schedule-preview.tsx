/** A plain reading of the schedule (cronstrue) and its next runs from the server, in the deployment's time zone. */

import Box from "@cloudscape-design/components/box";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useEffect, useState } from "react";
import { useQuery } from "urql";

import { isTimeZone } from "../../components/time-zone-select";
import { toProblem } from "../../api/errors";
import { describeSchedule } from "../../time/schedule";
import { formatDateTime } from "../../time/zoned";
import { SchedulePreviewDocument } from "./hooks";

/** `value`, once it has stayed the same for `delayMs`: one request per pause in typing. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export default function SchedulePreview({ schedule, timeZone, myTimeZone, delayMs = 300 }: { schedule: string; timeZone: string; myTimeZone: string; delayMs?: number }) {
  const description = describeSchedule(schedule);
  const readable = description !== null && isTimeZone(timeZone);
  const settled = useSettled({ schedule: schedule.trim(), timeZone }, delayMs);
  const [{ data, error, fetching }] = useQuery({
    query: SchedulePreviewDocument,
    variables: { ...settled, first: 5 },
    pause: !readable,
    requestPolicy: "cache-first",
  });
  if (!readable) {
    return <StatusIndicator type="warning">Enter a valid schedule and time zone to see the next runs.</StatusIndicator>;
  }
  const runs = data?.schedulePreview ?? [];
  return (
    <SpaceBetween size="xxs">
      <Box variant="strong" data-testid="schedule-description">
        {description} ({timeZone})
      </Box>
      {error ? (
        <StatusIndicator type="warning">{toProblem(error).message}</StatusIndicator>
      ) : fetching && runs.length === 0 ? (
        <StatusIndicator type="loading">Working out the next runs</StatusIndicator>
      ) : (
        <ol aria-label="Next runs" data-testid="schedule-runs" style={{ margin: 0, paddingLeft: 20 }}>
          {runs.map((run) => (
            <li key={run}>
              {formatDateTime(run, timeZone)}
              {myTimeZone !== timeZone && <Box variant="span" color="text-body-secondary"> — {formatDateTime(run, myTimeZone)} your time</Box>}
            </li>
          ))}
        </ol>
      )}
    </SpaceBetween>
  );
}
