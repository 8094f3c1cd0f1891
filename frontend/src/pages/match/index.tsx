/** The current-match page: shows my latest match and swaps in a new one the moment a round writes it. */

import { useNavigate } from "react-router";

import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import { useCurrentMatch } from "./hooks";
import MatchView from "./root";

/** Saves text the server wrote as a file, as a link to it would. */
function saveFile({ name, type, content }: { name: string; type: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export default function MatchPage() {
  const navigate = useNavigate();
  const { query, match, arrivedLive, subscriptionError } = useCurrentMatch();
  const data = query.data;
  if (!data) return query.error && !query.fetching ? <ErrorAlert error={query.error} /> : <Loading label="Loading your match" />;
  const me = data.me;
  return (
    <>
      {subscriptionError && <ErrorAlert error={subscriptionError} />}
      <MatchView
        match={match}
        myId={me.id}
        myTopics={me.preferences.topics}
        timeZone={me.preferences.timeZone}
        participation={me.participation.status}
        pausedUntil={me.participation.pausedUntil}
        schedule={{ nextRoundAt: data.deploymentSettings.nextRoundAt ?? null, timeZone: data.deploymentSettings.timeZone }}
        arrivedLive={arrivedLive}
        live={!subscriptionError}
        onNavigate={navigate}
        onDownloadIcs={() => {
          // The server writes the event (the same one its match emails carry).
          if (match?.calendarFile) saveFile({ name: "virtual-coffee.ics", type: "text/calendar", content: match.calendarFile });
        }}
      />
    </>
  );
}
