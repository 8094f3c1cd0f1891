/** The participation page: pause, pause until a date, or resume. */

import { useState } from "react";

import { useReloadViewer } from "../../app/viewer";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { formatDate, todayIn } from "../../time/zoned";
import { useParticipationPage, usePause, useResume } from "./hooks";
import ParticipationView from "./root";

export default function ParticipationPage() {
  const [{ data, error, fetching }] = useParticipationPage();
  const [pauseState, pause] = usePause();
  const [resumeState, resume] = useResume();
  const reloadViewer = useReloadViewer();
  const [flash, setFlash] = useState<string | null>(null);

  if (!data) return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading your participation" />;
  const timeZone = data.me.preferences.timeZone;
  return (
    <ParticipationView
      status={data.me.participation.status}
      pausedUntil={data.me.participation.pausedUntil ?? null}
      nextRoundAt={data.deploymentSettings.nextRoundAt ?? null}
      timeZone={timeZone}
      today={todayIn(timeZone)}
      busy={pauseState.fetching || resumeState.fetching}
      error={pauseState.error ?? resumeState.error}
      flash={flash}
      onDismissFlash={() => setFlash(null)}
      onPause={async (until) => {
        setFlash(null);
        const result = await pause({ until });
        if (!result.data) return false;
        await reloadViewer();
        setFlash(until ? `Paused through ${formatDate(until)}.` : "Paused until you resume.");
        return true;
      }}
      onResume={async () => {
        setFlash(null);
        const result = await resume({});
        if (!result.data) return false;
        await reloadViewer();
        setFlash("You are taking part again.");
        return true;
      }}
    />
  );
}
