/** The introduction my match message gave: each partner's profile and contacts, the time, the length, the invitation. */

import Badge from "@cloudscape-design/components/badge";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useClient, useQuery } from "urql";

import { graphql } from "../../gql";
import type { MatchIntroductionQuery } from "../../gql/graphql";
import { downloadFile } from "../../time/download";
import ErrorAlert from "../error-alert";
import Loading from "../loading";

export const MatchIntroductionDocument = graphql(`
  query MatchIntroduction($id: ID!) {
    match(id: $id) {
      id
      introduction {
        suggestedTime
        durationMinutes
        conversationStarter
        invitation
        partners {
          id
          name
          pronouns
          title
          team
          timeZone
          localTime
          about
          topics
          commonTopics
          contacts {
            label
            value
            url
          }
        }
      }
    }
  }
`);

type Introduction = NonNullable<MatchIntroductionQuery["match"]["introduction"]>;
type Partner = Introduction["partners"][number];

function PartnerCard({ partner }: { partner: Partner }) {
  const common = new Set(partner.commonTopics.map((topic) => topic.toLowerCase()));
  const role = [partner.title, partner.team ? `${partner.team} team` : null].filter(Boolean).join(", ");
  return (
    <div data-testid="intro-partner">
      <Box variant="h3">
        {partner.name}
        {partner.pronouns && <Box variant="span" color="text-body-secondary"> ({partner.pronouns})</Box>}
      </Box>
      {role && <Box color="text-body-secondary" data-testid="intro-role">{role}</Box>}
      <KeyValuePairs
        items={[
          ...partner.contacts.map((contact) => ({
            label: contact.label,
            value: (
              <Link href={contact.url} external={contact.url.startsWith("https:")} data-testid={`intro-contact-${contact.label.toLowerCase()}`}>
                {contact.value}
              </Link>
            ),
          })),
          { label: "Time zone", value: <span data-testid="intro-time-zone">{`${partner.timeZone} (${partner.localTime} at the suggested time)`}</span> },
          ...(partner.about ? [{ label: "About", value: <span data-testid="intro-about">{partner.about}</span> }] : []),
          {
            label: "Topics",
            value:
              partner.topics.length > 0 ? (
                <SpaceBetween direction="horizontal" size="xs">
                  {partner.topics.map((topic) => (
                    <Badge key={topic} color={common.has(topic.toLowerCase()) ? "blue" : "grey"}>
                      {topic}
                    </Badge>
                  ))}
                </SpaceBetween>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </div>
  );
}

export function IntroductionView({ introduction }: { introduction: Introduction }) {
  return (
    <Container
      data-testid="match-introduction"
      header={
        <Header
          variant="h2"
          description="What your introduction said, on every channel."
          actions={
            <Button
              iconName="calendar"
              data-testid="download-invitation"
              onClick={() => downloadFile({ name: "coffee-chat.ics", type: "text/calendar", content: introduction.invitation })}
            >
              Download invitation
            </Button>
          }
        >
          Introduction
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ColumnLayout columns={Math.min(Math.max(introduction.partners.length, 1), 3)} variant="text-grid">
          {introduction.partners.map((partner) => (
            <PartnerCard key={partner.id} partner={partner} />
          ))}
        </ColumnLayout>
        <KeyValuePairs
          columns={2}
          items={[
            { label: "Suggested time", value: <span data-testid="intro-suggested-time">{introduction.suggestedTime}</span> },
            { label: "Length", value: <span data-testid="intro-length">{`${introduction.durationMinutes} minutes`}</span> },
            { label: "Conversation starter", value: introduction.conversationStarter },
          ]}
        />
      </SpaceBetween>
    </Container>
  );
}

/** The introduction of one of my matches, read from the API. */
export default function MatchIntroduction({ matchId }: { matchId: string }) {
  const [query] = useQuery({ query: MatchIntroductionDocument, variables: { id: matchId } });
  if (query.error) return <ErrorAlert error={query.error} />;
  const introduction = query.data?.match.introduction;
  if (!query.data) return <Loading label="Loading the introduction" />;
  return introduction ? <IntroductionView introduction={introduction} /> : null;
}

/** Downloads a match's invitation as the server builds it (the same as the email's). */
export function useInvitationDownload(): (matchId: string) => Promise<void> {
  const client = useClient();
  return async (matchId: string) => {
    const result = await client.query(MatchIntroductionDocument, { id: matchId }, { requestPolicy: "cache-first" }).toPromise();
    const invitation = result.data?.match.introduction?.invitation;
    if (invitation) downloadFile({ name: "coffee-chat.ics", type: "text/calendar", content: invitation });
  };
}
