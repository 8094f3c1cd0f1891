/** The current-match page: shows my latest match and swaps in a new one the moment a round writes it. */

import { useNavigate } from "react-router";

import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import MatchIntroduction, { useInvitationDownload } from "../../components/introduction/match-introduction";
import { useCurrentMatch } from "./hooks";
import MatchView from "./root";

export default function MatchPage() {
  const navigate = useNavigate();
  const { query, match, arrivedLive, subscriptionError } = useCurrentMatch();
  const downloadInvitation = useInvitationDownload();
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
        onDownloadIcs={() => match && void downloadInvitation(match.id)}
      />
      {match && <MatchIntroduction matchId={match.id} />}
    </>
  );
}
