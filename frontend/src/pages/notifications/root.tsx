/** The notifications form: a card per channel with its address and a test send, and the primary channel. */

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import RadioGroup from "@cloudscape-design/components/radio-group";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Toggle from "@cloudscape-design/components/toggle";
import type { CombinedError } from "urql";

import { useCheckedForm } from "../../forms/use-checked-form";
import ErrorAlert from "../../components/error-alert";
import SavedFlash from "../../components/saved-flash";
import type { Channel } from "../../gql/graphql";
import { CHANNEL_LABELS, isEnabled, validateNotifications, type NotificationValues } from "./validation";

export interface TestOutcome {
  channel: Channel;
  kind: "sent" | "not-configured" | "failed";
  message: string;
}

export interface NotificationsViewProps {
  email: string;
  /** Whether the deployment's Telegram bot has linked a chat of this person. */
  telegramLinked: boolean;
  /** How Slack is reached: through the deployment's Slack app (linked people), else a webhook each. */
  slack: SlackLink;
  channels: Channel[];
  values: NotificationValues;
  edited: boolean;
  onChange: (values: NotificationValues) => void;
  onSubmit: (values: NotificationValues) => void;
  onDiscard: () => void;
  submitting: boolean;
  error?: CombinedError | undefined;
  flash: string | null;
  onDismissFlash: () => void;
  onSendTest: (channel: Channel) => void;
  testing: Channel | null;
  testOutcome: TestOutcome | null;
  testError?: CombinedError | undefined;
}

export interface SlackLink {
  app: boolean;
  linked: boolean;
  name: string | null;
}

type AddressKey = "slackWebhook" | "signalNumber";

const ADDRESS: Partial<Record<Channel, { key: AddressKey; label: string; placeholder: string; type: "text" | "url" }>> = {
  SLACK: { key: "slackWebhook", label: "Incoming webhook URL", placeholder: "https://hooks.slack.com/services/…", type: "url" },
  SIGNAL: { key: "signalNumber", label: "Phone number", placeholder: "+4915112345678", type: "text" },
};

const TOGGLE: Record<Channel, "email" | "slack" | "telegram" | "signal"> = { EMAIL: "email", SLACK: "slack", TELEGRAM: "telegram", SIGNAL: "signal" };

export default function NotificationsView(props: NotificationsViewProps) {
  const { email, telegramLinked, slack, channels, values, edited, onChange, onSubmit, onDiscard, submitting, error, flash, onDismissFlash } = props;
  const { errors, update, submit } = useCheckedForm({
    values,
    onChange,
    validate: (checked) => validateNotifications(checked, { slackApp: slack.app }),
    onValid: (checked) => onSubmit({ ...checked, slackWebhook: checked.slackWebhook.trim(), signalNumber: checked.signalNumber.trim() }),
  });

  return (
    <ContentLayout header={<Header variant="h1" description="Where you hear about a new match.">Notifications</Header>}>
      <form onSubmit={submit} noValidate aria-label="Notification settings">
        <Form
          errorText={error ? <ErrorAlert error={error} /> : undefined}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button formAction="none" variant="link" disabled={!edited || submitting} onClick={onDiscard}>
                Discard changes
              </Button>
              <Button variant="primary" formAction="submit" loading={submitting} data-testid="save-notifications">
                Save notification settings
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <SavedFlash message={flash} onDismiss={onDismissFlash} />
            {props.testError && <ErrorAlert error={props.testError} />}
            {props.testOutcome && (
              <Alert
                type={props.testOutcome.kind === "sent" ? "success" : props.testOutcome.kind === "failed" ? "error" : "warning"}
                header={
                  props.testOutcome.kind === "sent"
                    ? `Test message sent on ${CHANNEL_LABELS[props.testOutcome.channel]}`
                    : props.testOutcome.kind === "failed"
                      ? `${CHANNEL_LABELS[props.testOutcome.channel]} did not deliver the test message`
                      : `${CHANNEL_LABELS[props.testOutcome.channel]} is not set up`
                }
                data-testid="test-outcome"
              >
                {props.testOutcome.message}
              </Alert>
            )}
            <ColumnLayout columns={2}>
              {channels.map((channel) => {
                const address = ADDRESS[channel];
                const on = isEnabled(values, channel);
                // Without a linked chat there is nowhere to send; turning it off stays possible.
                const unlinked = channel === "TELEGRAM" && !telegramLinked;
                return (
                  <Container key={channel} header={<Header variant="h2">{CHANNEL_LABELS[channel]}</Header>} data-testid={`channel-${channel}`}>
                    <SpaceBetween size="m">
                      <Toggle checked={on} disabled={unlinked && !on} onChange={({ detail }) => update({ [TOGGLE[channel]]: detail.checked })}>
                        Send matches by {CHANNEL_LABELS[channel]}
                      </Toggle>
                      {channel === "TELEGRAM" ? (
                        <Box variant="p" data-testid="telegram-chat">
                          {telegramLinked
                            ? "Messages go to the Telegram chat you linked with the deployment's bot."
                            : "No chat linked yet. Choose Connect Telegram under “Link your chat apps”: the bot links your chat, and turns Telegram on."}
                        </Box>
                      ) : channel === "SLACK" && slack.app ? (
                        <Box variant="p" data-testid="slack-link">
                          {slack.linked
                            ? `The deployment's Slack app introduces you in Slack${slack.name ? ` as @${slack.name}` : ""}.`
                            : "Not linked yet. Saving with Slack on finds you in Slack by your email; if your Slack account has another email, choose Connect Slack under “Link your chat apps”."}
                        </Box>
                      ) : address ? (
                        <FormField label={address.label} errorText={errors[address.key]} controlId={`channel-${channel}-address`}>
                          <Input
                            controlId={`channel-${channel}-address`}
                            type={address.type}
                            value={values[address.key]}
                            placeholder={address.placeholder}
                            disabled={!on}
                            invalid={!!errors[address.key]}
                            onChange={({ detail }) => update({ [address.key]: detail.value })}
                          />
                        </FormField>
                      ) : (
                        <Box variant="p">Messages go to {email}.</Box>
                      )}
                      <Button
                        formAction="none"
                        disabled={edited || !on}
                        disabledReason={edited ? "Save your changes first" : "Turn the channel on and save first"}
                        loading={props.testing === channel}
                        onClick={() => props.onSendTest(channel)}
                        data-testid={`test-${channel}`}
                      >
                        Send test
                      </Button>
                    </SpaceBetween>
                  </Container>
                );
              })}
            </ColumnLayout>
            <Container header={<Header variant="h2" description="Your match is sent here first; the others are used when it fails.">Primary channel</Header>}>
              <FormField errorText={errors.primaryChannel} label="Primary channel">
                <RadioGroup
                  value={values.primaryChannel}
                  onChange={({ detail }) => update({ primaryChannel: detail.value as Channel })}
                  items={channels.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel], disabled: !isEnabled(values, channel) }))}
                />
              </FormField>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </ContentLayout>
  );
}
