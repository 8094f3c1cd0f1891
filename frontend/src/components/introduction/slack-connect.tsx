/** Connect Slack: a one-time command for people the Slack app does not find by their email. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMutation } from "urql";

import { graphql } from "../../gql";
import ErrorAlert from "../error-alert";

export const LinkSlackDocument = graphql(`
  mutation LinkSlack {
    linkSlack {
      __typename
      ... on SlackLinkCode {
        command
        expiresAt
      }
      ... on ChannelNotConfigured {
        message
      }
    }
  }
`);

export default function SlackConnect() {
  const [result, link] = useMutation(LinkSlackDocument);
  const answer = result.data?.linkSlack;
  return (
    <SpaceBetween size="s">
      <Box>The Slack app finds you by your email. If your Slack account uses another email, connect it here.</Box>
      <Button onClick={() => void link({})} loading={result.fetching} data-testid="slack-connect">
        Connect Slack
      </Button>
      {result.error && <ErrorAlert error={result.error} />}
      {answer?.__typename === "SlackLinkCode" && (
        <Alert type="info" header="Type this in Slack">
          <Box variant="code" data-testid="slack-command">
            {answer.command}
          </Box>
          <Box variant="small">It works once, until {new Date(answer.expiresAt).toLocaleTimeString()}.</Box>
        </Alert>
      )}
      {answer?.__typename === "ChannelNotConfigured" && <Alert type="warning">{answer.message}</Alert>}
    </SpaceBetween>
  );
}
