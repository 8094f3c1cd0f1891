/** The notifications page: channel settings and a test send per channel. */

import { useState } from "react";

import { useDraft } from "../../api/drafts";
import { useUnsavedChanges } from "../../forms/unsaved-changes";
import { useViewer } from "../../app/viewer";
import ErrorAlert from "../../components/error-alert";
import Loading from "../../components/loading";
import ChatLinks from "../../components/introduction/chat-links";
import type { Channel } from "../../gql/graphql";
import { useNotificationsPage, useSendTestNotification, useUpdateNotificationSettings } from "./hooks";
import NotificationsView, { type TestOutcome } from "./root";
import type { NotificationValues } from "./validation";

export default function NotificationsPage() {
  const viewer = useViewer();
  const [{ data, error, fetching }] = useNotificationsPage();
  const [saveState, save] = useUpdateNotificationSettings();
  const [testState, sendTest] = useSendTestNotification();
  const [testing, setTesting] = useState<Channel | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const settings = data?.me.notificationSettings;
  const saved: NotificationValues | null = settings
    ? {
        email: settings.email,
        slack: settings.slack,
        slackWebhook: settings.slackWebhook ?? "",
        telegram: settings.telegram,
        signal: settings.signal,
        signalNumber: settings.signalNumber ?? "",
        primaryChannel: settings.primaryChannel,
      }
    : null;
  const draft = useDraft<NotificationValues>(`notifications:${viewer.id}`, saved);
  useUnsavedChanges("notifications", draft.edited, draft.discard);

  if (!data || !draft.value) {
    return error && !fetching ? <ErrorAlert error={error} /> : <Loading label="Loading your notification settings" />;
  }
  return (
    <>
    <NotificationsView
      email={data.me.profile.email}
      telegramLinked={!!settings?.telegramChatId}
      slack={{ app: data.deploymentSettings.slackApp, linked: !!settings?.slackLinked, name: settings?.slackName ?? null }}
      channels={data.deploymentSettings.channels}
      values={draft.value}
      edited={draft.edited}
      onChange={draft.setValue}
      onDiscard={draft.discard}
      submitting={saveState.fetching}
      error={saveState.error}
      flash={flash}
      onDismissFlash={() => setFlash(null)}
      testing={testing}
      testOutcome={outcome}
      testError={testState.error}
      onSubmit={async (values) => {
        setFlash(null);
        const result = await save({
          input: {
            email: values.email,
            slack: values.slack,
            // No Telegram chat id: the bot links the chat, and a save keeps it.
            telegram: values.telegram,
            signal: values.signal,
            primaryChannel: values.primaryChannel,
            slackWebhook: values.slackWebhook || null,
            signalNumber: values.signalNumber || null,
          },
        });
        if (result.data) {
          draft.discard();
          setFlash("Notification settings saved.");
        }
      }}
      onSendTest={async (channel) => {
        setTesting(channel);
        setOutcome(null);
        const result = await sendTest({ channel });
        setTesting(null);
        const answer = result.data?.sendTestNotification;
        if (!answer) return;
        if (answer.__typename === "TestNotificationSent") {
          setOutcome({ channel, kind: "sent", message: "Check that it arrived." });
        } else if (answer.__typename === "ChannelNotConfigured") {
          setOutcome({ channel, kind: "not-configured", message: answer.message });
        } else {
          setOutcome({ channel, kind: "failed", message: answer.message });
        }
      }}
    />
    <ChatLinks channels={data.deploymentSettings.channels} telegramLinked={!!settings?.telegramChatId} />
    </>
  );
}
