/** The admin rounds page: a round's date and time are picked in the deployment's time zone. */

import { useState } from "react";

import type { PreviewRoundMutation } from "../../gql/graphql";
import { wallClock, zonedInstant } from "../../time/zoned";
import { usePreviewRound, useRoundProgress, useRounds, useRunRoundNow } from "./hooks";
import AdminRoundsView from "./root";
import { slotOf } from "./slot";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export default function AdminRoundsPage() {
  const [rounds, reexecute] = useRounds();
  const timeZone = rounds.data?.deploymentSettings.timeZone ?? "UTC";
  // Now, in the deployment's zone, until the admin picks another time.
  const [picked, setPicked] = useState<{ date: string; time: string } | null>(null);
  const [now] = useState(() => new Date());
  const [nowDate, nowTime] = wallClock(now, timeZone);
  const date = picked?.date ?? nowDate;
  const time = picked?.time ?? nowTime;
  const slot = DATE.test(date) && TIME.test(time) ? slotOf(zonedInstant(date, time, timeZone)) : null;
  const [previewState, preview] = usePreviewRound();
  const [shownPreview, setShownPreview] = useState<PreviewRoundMutation["previewRound"] | null>(null);
  const [runState, run] = useRunRoundNow();
  const [outcome, setOutcome] = useState<{ slot: string; already: boolean } | null>(null);
  const reload = () => reexecute({ requestPolicy: "network-only" });
  const { bySlot, error: progressError } = useRoundProgress(reload);

  return (
    <AdminRoundsView
      rounds={rounds.data?.rounds.items ?? (rounds.error ? [] : null)}
      roundsError={rounds.error}
      slot={slot}
      date={date}
      time={time}
      onDateChange={(value) => setPicked({ date: value, time })}
      onTimeChange={(value) => setPicked({ date, time: value })}
      timeZone={timeZone}
      preview={shownPreview}
      previewing={previewState.fetching}
      previewError={previewState.error}
      onPreview={async (value) => {
        const result = await preview({ slot: value });
        setShownPreview(result.data?.previewRound ?? null);
      }}
      running={runState.fetching}
      runError={runState.error}
      runOutcome={outcome}
      onRun={async (value) => {
        const result = await run({ slot: value });
        const answer = result.data?.runRoundNow;
        if (!answer) return false;
        setOutcome({ slot: answer.slot, already: answer.__typename === "RoundAlreadyQueued" });
        // The preview was of the round now written: the outcome and the table say the rest.
        setShownPreview(null);
        reload();
        return true;
      }}
      progress={bySlot}
      progressError={progressError}
      onReload={reload}
    />
  );
}
