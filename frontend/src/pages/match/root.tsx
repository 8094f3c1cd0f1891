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

export interface MatchViewProps {
  match: CurrentMatchFragment | null;
  myId: string;
  myTopics: string[];
  timeZone: string;
  participation: ParticipationStatus;
  arrivedLive: boolean;
  live: boolean;
  onDownloadIcs: () => void;
  onNavigate: (path: string) => void;
}

export default function MatchView({ match, myId, myTopics, timeZone, participation, arrivedLive, live, onDownloadIcs, onNavigate }: MatchViewProps) {
  const header = (
    <Header
      variant="h1"
      description="The colleague you meet this round."
      info={
        <span data-testid="live-indicator">
          {live ? <StatusIndicator type="success">Live</StatusIndicator> : <StatusIndicator type="pending">Connecting</StatusIndicator>}
        </span>
      }
    >
      Current match
    </Header>
  );
  if (match === null) {
    return (
      <ContentLayout header={header}>
        <Container>
          <EmptyState
            title="No match yet"
            subtitle={
              participation === "PAUSED"
                ? "You are paused, so you are not matched. Resume to be included in the next round."
                : "Your match appears here as soon as the next round runs; there is no need to reload."
            }
            action={
              participation === "PAUSED" ? (
                <Button onClick={() => onNavigate("/participation")}>Go to participation</Button>
              ) : (
                <Button onClick={() => onNavigate("/profile")}>Review my preferences</Button>
              )
            }
          />
        </Container>
      </ContentLayout>
    );
  }
  const members = others(match.participants, myId);
  const shared = topicsInCommon(myTopics, members);
  return (
    <ContentLayout header={header}>
      <SpaceBetween size="l">
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
              {members.length === 1 ? `You meet ${members[0]?.name ?? ""}` : `You meet ${members.map((m) => m.name).join(", ")}`}
            </Header>
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
      </SpaceBetween>
    </ContentLayout>
  );
}
