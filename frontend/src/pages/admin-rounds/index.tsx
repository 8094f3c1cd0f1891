/** The admin rounds page. */

import { useState } from "react";

import { useViewer } from "../../app/viewer";
import { usePreviewRound, useRoundProgress, useRounds, useRunRoundNow } from "./hooks";
import AdminRoundsView from "./root";
import { slotOf } from "./slot";

export default function AdminRoundsPage() {
  const viewer = useViewer();
  const [slot, setSlot] = useState(() => slotOf(new Date()));
  const [rounds, reexecute] = useRounds();
  const [previewState, preview] = usePreviewRound();
  const [runState, run] = useRunRoundNow();
  const [outcome, setOutcome] = useState<{ slot: string; already: boolean } | null>(null);
  const reload = () => reexecute({ requestPolicy: "network-only" });
  const { bySlot, error: progressError } = useRoundProgress(reload);

  return (
    <AdminRoundsView
      rounds={rounds.data?.rounds.items ?? (rounds.error ? [] : null)}
      roundsError={rounds.error}
      slot={slot}
      onSlotChange={setSlot}
      timeZone={viewer.preferences.timeZone}
      preview={previewState.data?.previewRound ?? null}
      previewing={previewState.fetching}
      previewError={previewState.error}
      onPreview={(value) => void preview({ slot: value })}
      running={runState.fetching}
      runError={runState.error}
      runOutcome={outcome}
      onRun={async (value) => {
        const result = await run({ slot: value });
        const answer = result.data?.runRoundNow;
        if (!answer) return false;
        setOutcome({ slot: answer.slot, already: answer.__typename === "RoundAlreadyQueued" });
        reload();
        return true;
      }}
      progress={bySlot}
      progressError={progressError}
      onReload={reload}
    />
  );
}
