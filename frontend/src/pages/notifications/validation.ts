/** Checks of the notification settings: each enabled channel needs an address, the primary must be on. */

import type { Channel } from "../../gql/graphql";

export interface NotificationValues {
  email: boolean;
  slack: boolean;
  slackWebhook: string;
  /** Telegram goes to the chat the deployment's bot linked; nobody types a chat id. */
  telegram: boolean;
  signal: boolean;
  signalNumber: string;
  primaryChannel: Channel;
}

export type NotificationErrors = Partial<Record<keyof NotificationValues, string>>;

export const CHANNEL_LABELS: Record<Channel, string> = { EMAIL: "Email", SLACK: "Slack", TELEGRAM: "Telegram", SIGNAL: "Signal" };

const ENABLED_KEY: Record<Channel, "email" | "slack" | "telegram" | "signal"> = {
  EMAIL: "email",
  SLACK: "slack",
  TELEGRAM: "telegram",
  SIGNAL: "signal",
};

export function isEnabled(values: NotificationValues, channel: Channel): boolean {
  return values[ENABLED_KEY[channel]];
}

/** With the deployment's Slack app, Slack needs no webhook: the app links people by email or code. */
export function validateNotifications(values: NotificationValues, { slackApp = false }: { slackApp?: boolean } = {}): NotificationErrors {
  const errors: NotificationErrors = {};
  if (values.slack && !slackApp) {
    const hook = values.slackWebhook.trim();
    if (hook.length === 0) errors.slackWebhook = "Paste the incoming webhook URL Slack gave you.";
    else if (!/^https:\/\/hooks\.slack\.com\/\S+$/.test(hook)) errors.slackWebhook = "A Slack webhook starts with https://hooks.slack.com/.";
  }
  if (values.signal) {
    const number = values.signalNumber.trim();
    if (number.length === 0) errors.signalNumber = "Enter the phone number your Signal account uses.";
    else if (!/^\+[1-9]\d{6,14}$/.test(number)) errors.signalNumber = "Use the international format, such as +4915112345678.";
  }
  if (!isEnabled(values, values.primaryChannel)) {
    errors.primaryChannel = `${CHANNEL_LABELS[values.primaryChannel]} is off; turn it on or choose another primary channel.`;
  }
  return errors;
}
