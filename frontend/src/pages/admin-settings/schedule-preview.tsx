/** A plain reading of the schedule and its next runs in the deployment's time zone. */

import Box from "@cloudscape-design/components/box";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";

import { cronProblem, describeCron, nextRuns } from "../../time/cron";
import { formatDateTime } from "../../time/zoned";
import { isTimeZone } from "../../components/time-zone-select";

export default function SchedulePreview({ schedule, timeZone, myTimeZone, now }: { schedule: string; timeZone: string; myTimeZone: string; now?: Date }) {
  if (cronProblem(schedule) || !isTimeZone(timeZone)) {
    return <StatusIndicator type="warning">Enter a valid schedule and time zone to see the next runs.</StatusIndicator>;
  }
  const runs = nextRuns({ expression: schedule, timeZone, from: now ?? new Date(), count: 5 });
  return (
    <SpaceBetween size="xxs">
      <Box variant="strong" data-testid="schedule-description">
        {describeCron(schedule)} ({timeZone})
      </Box>
      {runs.length === 0 ? (
        <Box>This schedule never runs.</Box>
      ) : (
        <ol aria-label="Next runs" data-testid="schedule-runs" style={{ margin: 0, paddingLeft: 20 }}>
          {runs.map((run) => (
            <li key={run.toISOString()}>
              {formatDateTime(run.toISOString(), timeZone)}
              {myTimeZone !== timeZone && <Box variant="span" color="text-body-secondary"> — {formatDateTime(run.toISOString(), myTimeZone)} your time</Box>}
            </li>
          ))}
        </ol>
      )}
    </SpaceBetween>
  );
}
