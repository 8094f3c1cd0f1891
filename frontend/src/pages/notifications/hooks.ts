/** Data of the notifications page: my channel settings, the deployment's channels, and the test send. */

import { useMutation, useQuery } from "urql";

import { graphql } from "../../gql";

export const NotificationsPageDocument = graphql(`
  query NotificationsPage {
    me {
      id
      profile {
        email
      }
      notificationSettings {
        email
        slack
        slackWebhook
        slackLinked
        slackName
        telegram
        telegramChatId
        signal
        signalNumber
        primaryChannel
      }
    }
    deploymentSettings {
      deploymentId
      channels
      slackApp
    }
  }
`);

export const UpdateNotificationSettingsDocument = graphql(`
  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      id
      notificationSettings {
        email
        slack
        slackWebhook
        slackLinked
        slackName
        telegram
        telegramChatId
        signal
        signalNumber
        primaryChannel
      }
    }
  }
`);

export const SendTestNotificationDocument = graphql(`
  mutation SendTestNotification($channel: Channel!) {
    sendTestNotification(channel: $channel) {
      __typename
      ... on TestNotificationSent {
        channel
      }
      ... on ChannelNotConfigured {
        channel
        message
      }
      ... on TestNotificationFailed {
        channel
        message
      }
    }
  }
`);

export function useNotificationsPage() {
  return useQuery({ query: NotificationsPageDocument });
}

export function useUpdateNotificationSettings() {
  return useMutation(UpdateNotificationSettingsDocument);
}

export function useSendTestNotification() {
  return useMutation(SendTestNotificationDocument);
}
