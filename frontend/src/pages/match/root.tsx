/** The current-match view: who, topics in common, the suggested time in my time zone, a calendar file. */

import Alert from "@cloudscape-design/components/alert";
import Badge from "@cloudscape-design/components/badge";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";

import EmptyState from "../../components/empty-state";
import type { CurrentMatchFragment, ParticipationStatus } from "../../gql/graphql";
import { formatDate, formatRange } from "../../time/zoned";
import { others, topicsInCommon } from "./common";
import { emptyMatchText, nextRoundText, type RoundSchedule } from "./next-round";

export interface MatchViewProps {
  match: CurrentMatchFragment | null;
  myId: string;
  myTopics: string[];
  timeZone: string;
  participation: ParticipationStatus;
  pausedUntil?: string | null;
  schedule?: RoundSchedule;
  arrivedLive: boolean;
  live: boolean;
  onDownloadIcs: () => void;
  onNavigate: (path: string) => void;
}

const NO_SCHEDULE: RoundSchedule = { nextRoundAt: null, timeZone: "UTC" };

export default function MatchView(props: MatchViewProps) {
  const { match, participation, timeZone, schedule = NO_SCHEDULE, pausedUntil = null } = props;
  const header = (
    <Header
      variant="h1"
      description="The colleague you meet this round."
      info={
        <span data-testid="live-indicator">
          {props.live ? <StatusIndicator type="success">Live</StatusIndicator> : <StatusIndicator type="pending">Connecting</StatusIndicator>}
        </span>
      }
    >
      Current match
    </Header>
  );
  const paused = participation === "PAUSED";
  return (
    <ContentLayout header={header}>
      <SpaceBetween size="l">
        {paused && match !== null && (
          <Alert type="info" header="You are paused" data-testid="paused-note" action={<Button onClick={() => props.onNavigate("/participation")}>Go to participation</Button>}>
            {emptyMatchText(participation, pausedUntil, schedule, timeZone)}
          </Alert>
        )}
        {match === null ? (
          <Container>
            <EmptyState
              title="No match yet"
              subtitle={emptyMatchText(participation, pausedUntil, schedule, timeZone)}
              testId="no-match"
              action={
                paused ? (
                  <Button onClick={() => props.onNavigate("/participation")}>Go to participation</Button>
                ) : (
                  <Button onClick={() => props.onNavigate("/profile")}>Review my preferences</Button>
                )
              }
            />
          </Container>
        ) : (
          <MatchDetails {...props} match={match} nextRound={paused ? null : nextRoundText(schedule, timeZone)} />
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

function MatchDetails({ match, myId, myTopics, timeZone, arrivedLive, onDownloadIcs, onNavigate, nextRound }: MatchViewProps & { match: CurrentMatchFragment; nextRound: string | null }) {
  const members = others(match.participants, myId);
  const shared = topicsInCommon(myTopics, members);
  const feedbackHref = `/history?feedback=${encodeURIComponent(match.id)}`;
  return (
    <>
      {arrivedLive && (
        <Alert type="success" header="You have a new match" data-testid="new-match-alert">
          The round just ran. Say hello and agree on a time.
        </Alert>
      )}
      <Container
        data-testid="current-match"
        header={
          <Header
            variant="h2"
            description={`Round of ${formatDate(match.scheduledDate)}`}
            actions={
              <Button iconName="download" onClick={onDownloadIcs} disabled={!match.suggestedTime} data-testid="download-ics">
                Add to calendar (.ics)
              </Button>
            }
          >
            {`You meet ${members.map((m) => m.name).join(", ")}`}
          </Header>
        }
        footer={
          <SpaceBetween direction="horizontal" size="m" alignItems="center">
            <Link
              href={feedbackHref}
              data-testid="give-feedback"
              onFollow={(event) => {
                event.preventDefault();
                onNavigate(feedbackHref);
              }}
            >
              {match.myFeedback ? "Change how it went" : "Did you meet? Tell us how it went"}
            </Link>
            {nextRound && (
              <Box color="text-body-secondary" data-testid="next-round">
                Next round: {nextRound}
              </Box>
            )}
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ColumnLayout columns={Math.min(Math.max(members.length, 1), 3)} variant="text-grid">
            {members.map((member) => (
              <div key={member.id} data-testid="match-member">
                <Box variant="h3">{member.name}</Box>
                <KeyValuePairs
                  items={[
                    { label: "Email", value: <Link href={`mailto:${member.email}`} external={false}>{member.email}</Link> },
                    { label: "Team", value: member.team || "—" },
                    { label: "Time zone", value: member.timeZone },
                  ]}
                />
              </div>
            ))}
          </ColumnLayout>
          <KeyValuePairs
            columns={2}
            items={[
              {
                label: "Topics in common",
                value:
                  shared.length > 0 ? (
                    <SpaceBetween direction="horizontal" size="xs">
                      {shared.map((topic) => (
                        <Badge key={topic} color="blue">
                          {topic}
                        </Badge>
                      ))}
                    </SpaceBetween>
                  ) : (
                    <span data-testid="no-common-topics">None yet — a chance to discover something new.</span>
                  ),
              },
              {
                label: `Suggested time (${timeZone})`,
                value: match.suggestedTime ? (
                  <span data-testid="suggested-time">{formatRange(match.suggestedTime.start, match.suggestedTime.end, timeZone)}</span>
                ) : (
                  "No common free hour; agree on a time together."
                ),
              },
            ]}
          />
        </SpaceBetween>
      </Container>
    </>
  );
}
