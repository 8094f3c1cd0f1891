/** The current-match page: shows my latest match and swaps in a new one the moment a round writes it. */

import { useNavigate } from "react-router";

import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import MatchIntroduction from "../../components/introduction/match-introduction";
import { buildIcs, downloadFile } from "../../time/ics";
import { others } from "./common";
import { useCurrentMatch } from "./hooks";
import MatchView from "./root";

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
        arrivedLive={arrivedLive}
        live={!subscriptionError}
        onNavigate={navigate}
        onDownloadIcs={() => {
          if (!match?.suggestedTime) return;
          const members = others(match.participants, me.id);
          downloadFile({
            name: "virtual-coffee.ics",
            type: "text/calendar",
            content: buildIcs({
              uid: `${match.id}@virtual-coffee`,
              start: match.suggestedTime.start,
              end: match.suggestedTime.end,
              summary: `Virtual Coffee with ${members.map((m) => m.name).join(", ")}`,
              description: "Your coffee chat from Virtual Coffee.",
              attendees: match.participants.map((p) => ({ name: p.name, email: p.email })),
            }),
          });
        }}
      />
      {match && <MatchIntroduction matchId={match.id} />}
    </>
  );
}
