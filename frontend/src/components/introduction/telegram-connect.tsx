/** Connect Telegram: a one-time link that opens the deployment's bot, which links this chat. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMutation } from "urql";

import { graphql } from "../../gql";
import ErrorAlert from "../error-alert";

export const LinkTelegramDocument = graphql(`
  mutation LinkTelegram {
    linkTelegram {
      __typename
      ... on TelegramLink {
        url
        expiresAt
        botUsername
      }
      ... on ChannelNotConfigured {
        message
      }
    }
  }
`);

export default function TelegramConnect({ linked }: { linked: boolean }) {
  const [result, link] = useMutation(LinkTelegramDocument);
  const answer = result.data?.linkTelegram;
  return (
    <SpaceBetween size="s">
      <Box data-testid="telegram-status">{linked ? "Your Telegram chat is linked." : "Not linked yet."}</Box>
      <Button onClick={() => void link({})} loading={result.fetching} data-testid="telegram-connect">
        {linked ? "Link another Telegram chat" : "Connect Telegram"}
      </Button>
      {result.error && <ErrorAlert error={result.error} />}
      {answer?.__typename === "TelegramLink" && (
        <Alert type="info" header={`Open @${answer.botUsername} in Telegram`}>
          <Link href={answer.url} external data-testid="telegram-deep-link">
            {answer.url}
          </Link>
          <Box variant="small">Press Start in the chat that opens. The link works once, until {new Date(answer.expiresAt).toLocaleTimeString()}.</Box>
        </Alert>
      )}
      {answer?.__typename === "ChannelNotConfigured" && <Alert type="warning">{answer.message}</Alert>}
    </SpaceBetween>
  );
}
