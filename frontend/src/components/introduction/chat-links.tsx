/** Linking my chat apps to the deployment's bots, shown on the notifications page. */

import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";

import type { Channel } from "../../gql/graphql";
import SlackConnect from "./slack-connect";
import TelegramConnect from "./telegram-connect";

export default function ChatLinks({ channels, telegramLinked }: { channels: Channel[]; telegramLinked: boolean }) {
  if (!channels.includes("TELEGRAM") && !channels.includes("SLACK")) return null;
  return (
    <Container data-testid="chat-links" header={<Header variant="h2" description="The deployment's bots introduce you there and take your answers with one tap.">Link your chat apps</Header>}>
      <SpaceBetween size="m">
        {channels.includes("TELEGRAM") && <TelegramConnect linked={telegramLinked} />}
        {channels.includes("SLACK") && <SlackConnect />}
      </SpaceBetween>
    </Container>
  );
}
