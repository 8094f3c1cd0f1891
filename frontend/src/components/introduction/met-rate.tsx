/** The met rate for admins: per round and overall, how many matches were answered and met, by intro channel. */

import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table from "@cloudscape-design/components/table";
import { useQuery } from "urql";

import { graphql } from "../../gql";
import type { MetRateQuery } from "../../gql/graphql";
import ErrorAlert from "../error-alert";
import Loading from "../loading";

export const MetRateDocument = graphql(`
  query MetRate {
    metRate {
      overall {
        matches
        answered
        met
        answeredShare
        metShare
        byChannel {
          channel
          introduced
          answered
          met
          answeredShare
          metShare
        }
      }
      rounds {
        slot
        matches
        answered
        met
        answeredShare
        metShare
      }
    }
  }
`);

const CHANNELS: Record<string, string> = { EMAIL: "Email", SLACK: "Slack", TELEGRAM: "Telegram", SIGNAL: "Signal" };

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;
}

export function MetRateView({ report }: { report: MetRateQuery["metRate"] }) {
  const overall = report.overall;
  return (
    <Container
      data-testid="met-rate"
      header={<Header variant="h2" description="Of the matches made, the share answered and the share that met.">Met rate</Header>}
    >
      <SpaceBetween size="l">
        <KeyValuePairs
          columns={3}
          items={[
            { label: "Met", value: <span data-testid="met-rate-overall">{percent(overall.metShare)}</span> },
            { label: "Answered", value: <span data-testid="answered-rate-overall">{percent(overall.answeredShare)}</span> },
            { label: "Matches", value: String(overall.matches) },
          ]}
        />
        <Table
          variant="embedded"
          ariaLabels={{ tableLabel: "Met rate by channel" }}
          header={<Box variant="h3">By the channel people were introduced on</Box>}
          items={overall.byChannel}
          trackBy="channel"
          empty="No introductions sent yet."
          columnDefinitions={[
            { id: "channel", header: "Channel", cell: (row) => CHANNELS[row.channel] ?? row.channel },
            { id: "introduced", header: "Introduced", cell: (row) => row.introduced },
            { id: "answered", header: "Answered", cell: (row) => <span data-testid={`answered-${row.channel}`}>{percent(row.answeredShare)}</span> },
            { id: "met", header: "Met", cell: (row) => <span data-testid={`met-${row.channel}`}>{percent(row.metShare)}</span> },
          ]}
        />
        <Table
          variant="embedded"
          ariaLabels={{ tableLabel: "Met rate by round" }}
          header={<Box variant="h3">By round</Box>}
          items={report.rounds}
          trackBy="slot"
          empty="No completed rounds yet."
          columnDefinitions={[
            { id: "slot", header: "Round", cell: (row) => row.slot ?? "" },
            { id: "matches", header: "Matches", cell: (row) => row.matches },
            { id: "answered", header: "Answered", cell: (row) => percent(row.answeredShare) },
            { id: "met", header: "Met", cell: (row) => percent(row.metShare) },
          ]}
        />
      </SpaceBetween>
    </Container>
  );
}

export default function MetRate() {
  const [query] = useQuery({ query: MetRateDocument });
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Loading label="Loading the met rate" />;
  return <MetRateView report={query.data.metRate} />;
}
