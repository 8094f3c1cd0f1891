/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me {\n      id\n      role\n      profile {\n        name\n        email\n      }\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query MatchIntroduction($id: ID!) {\n    match(id: $id) {\n      id\n      introduction {\n        suggestedTime\n        durationMinutes\n        conversationStarter\n        invitation\n        partners {\n          id\n          name\n          pronouns\n          title\n          team\n          timeZone\n          localTime\n          about\n          topics\n          commonTopics\n          contacts {\n            label\n            value\n            url\n          }\n        }\n      }\n    }\n  }\n": typeof types.MatchIntroductionDocument,
    "\n  query MetRate {\n    metRate {\n      overall {\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n        byChannel {\n          channel\n          introduced\n          answered\n          met\n          answeredShare\n          metShare\n        }\n      }\n      rounds {\n        slot\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n      }\n    }\n  }\n": typeof types.MetRateDocument,
    "\n  mutation LinkSlack {\n    linkSlack {\n      __typename\n      ... on SlackLinkCode {\n        command\n        expiresAt\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n": typeof types.LinkSlackDocument,
    "\n  mutation LinkTelegram {\n    linkTelegram {\n      __typename\n      ... on TelegramLink {\n        url\n        expiresAt\n        botUsername\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n": typeof types.LinkTelegramDocument,
    "\n  fragment AuditEntry on AuditEvent {\n    id\n    at\n    actorId\n    action\n    target\n    detail\n  }\n": typeof types.AuditEntryFragmentDoc,
    "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      items {\n        ...AuditEntry\n      }\n      nextCursor\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  fragment UndeliverableEntry on UndeliverableNotification {\n    matchId\n    userId\n    attempts\n    givenUpAt\n    person {\n      id\n      name\n      email\n    }\n  }\n": typeof types.UndeliverableEntryFragmentDoc,
    "\n  query Undeliverable($first: Int!, $after: String) {\n    undeliverableNotifications(first: $first, after: $after) {\n      items {\n        ...UndeliverableEntry\n      }\n      nextCursor\n    }\n  }\n": typeof types.UndeliverableDocument,
    "\n  mutation ResendNotification($matchId: ID!, $userId: ID!) {\n    resendNotification(matchId: $matchId, userId: $userId) {\n      __typename\n      ... on ResendQueued {\n        matchId\n        userId\n      }\n      ... on AlreadyDelivered {\n        matchId\n        userId\n      }\n    }\n  }\n": typeof types.ResendNotificationDocument,
    "\n  query AdminHome {\n    deploymentSettings {\n      schedule\n      timeZone\n      nextRoundAt\n    }\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      completedRounds\n      feedback\n      undeliverable\n    }\n  }\n": typeof types.AdminHomeDocument,
    "\n  fragment Quality on RoundQuality {\n    repeats\n    groupsWithoutCommonWindow\n    crossTeamShare\n    unmatched\n  }\n": typeof types.QualityFragmentDoc,
    "\n  query Rounds($first: Int!) {\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    rounds(first: $first) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        finishedAt\n        quality {\n          ...Quality\n        }\n      }\n      nextCursor\n    }\n  }\n": typeof types.RoundsDocument,
    "\n  mutation PreviewRound($slot: String!) {\n    previewRound(slot: $slot) {\n      slot\n      groups {\n        members {\n          id\n          name\n          team\n          timeZone\n        }\n        suggestedTime {\n          start\n          end\n        }\n      }\n      unmatched {\n        id\n        name\n      }\n      quality {\n        ...Quality\n      }\n    }\n  }\n": typeof types.PreviewRoundDocument,
    "\n  mutation RunRoundNow($slot: String!) {\n    runRoundNow(slot: $slot) {\n      __typename\n      ... on RoundQueued {\n        slot\n        jobId\n      }\n      ... on RoundAlreadyQueued {\n        slot\n        jobId\n      }\n    }\n  }\n": typeof types.RunRoundNowDocument,
    "\n  subscription RoundProgress {\n    roundProgress {\n      slot\n      status\n      groupsWritten\n      groupsTotal\n    }\n  }\n": typeof types.RoundProgressDocument,
    "\n  query CaughtMail($first: Int!) {\n    caughtMail(first: $first) {\n      id\n      sender\n      to\n      subject\n      sentAt\n      text\n    }\n  }\n": typeof types.CaughtMailDocument,
    "\n  fragment DeploymentConfigFields on DeploymentConfig {\n    deploymentId\n    schedule\n    timeZone\n    meetingSize\n    repeatWindow\n    preferCrossTeam\n    adminEmails\n    allowedEmailDomains\n    channels\n    reminderDelayDays\n    gracePeriodHours\n    updatedAt\n  }\n": typeof types.DeploymentConfigFieldsFragmentDoc,
    "\n  query DeploymentConfig {\n    deploymentConfig {\n      ...DeploymentConfigFields\n    }\n  }\n": typeof types.DeploymentConfigDocument,
    "\n  mutation UpdateDeploymentConfig($input: DeploymentConfigInput!) {\n    updateDeploymentConfig(input: $input) {\n      ...DeploymentConfigFields\n    }\n  }\n": typeof types.UpdateDeploymentConfigDocument,
    "\n  query MessageTemplates {\n    messageTemplates {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n": typeof types.MessageTemplatesDocument,
    "\n  fragment MatchTemplateFields on MessageTemplate {\n    subject\n    body\n    isDefault\n    defaultSubject\n    defaultBody\n    variables\n  }\n": typeof types.MatchTemplateFieldsFragmentDoc,
    "\n  mutation UpdateMatchTemplate($input: MessageTemplateInput!) {\n    updateMatchTemplate(input: $input) {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n": typeof types.UpdateMatchTemplateDocument,
    "\n  mutation PreviewTemplate($input: MessageTemplateInput!) {\n    previewTemplate(input: $input) {\n      subject\n      text\n      html\n    }\n  }\n": typeof types.PreviewTemplateDocument,
    "\n  query SchedulePreview($schedule: String!, $timeZone: String!, $first: Int!) {\n    schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first)\n  }\n": typeof types.SchedulePreviewDocument,
    "\n  query AdminStats($rounds: Int!) {\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      deactivatedPeople\n      rounds\n      completedRounds\n      groups\n      feedback\n      metShare\n      ratings\n      averageRating\n      repeatRate\n      notificationFailures\n      undeliverable\n    }\n    rounds(first: $rounds) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        quality {\n          repeats\n          unmatched\n          groupsWithoutCommonWindow\n          crossTeamShare\n        }\n      }\n    }\n  }\n": typeof types.AdminStatsDocument,
    "\n  query AdminUsers($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      items {\n        ...AdminUser\n      }\n      nextCursor\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    status\n    pausedUntil\n    createdAt\n  }\n": typeof types.AdminUserFragmentDoc,
    "\n  mutation DeactivatePerson($userId: ID!) {\n    deactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": typeof types.DeactivatePersonDocument,
    "\n  mutation ReactivatePerson($userId: ID!) {\n    reactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": typeof types.ReactivatePersonDocument,
    "\n  mutation PausePerson($userId: ID!, $until: Date) {\n    pausePerson(userId: $userId, until: $until) {\n      ...AdminUser\n    }\n  }\n": typeof types.PausePersonDocument,
    "\n  mutation ResumePerson($userId: ID!) {\n    resumePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": typeof types.ResumePersonDocument,
    "\n  fragment HistoryMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    participants {\n      id\n      name\n      email\n      team\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n": typeof types.HistoryMatchFragmentDoc,
    "\n  query MyMatches($first: Int!, $after: String) {\n    myMatches(first: $first, after: $after) {\n      items {\n        ...HistoryMatch\n      }\n      nextCursor\n    }\n  }\n": typeof types.MyMatchesDocument,
    "\n  mutation SubmitFeedback($input: FeedbackInput!) {\n    submitFeedback(input: $input) {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n": typeof types.SubmitFeedbackDocument,
    "\n  fragment CurrentMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    createdAt\n    participants {\n      id\n      name\n      email\n      timeZone\n      team\n      topics\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n    }\n  }\n": typeof types.CurrentMatchFragmentDoc,
    "\n  query CurrentMatchPage {\n    me {\n      id\n      preferences {\n        topics\n        meetingLength\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    myCurrentMatch {\n      ...CurrentMatch\n    }\n  }\n": typeof types.CurrentMatchPageDocument,
    "\n  subscription MyNewMatch {\n    myNewMatch {\n      ...CurrentMatch\n    }\n  }\n": typeof types.MyNewMatchDocument,
    "\n  query NotificationsPage {\n    me {\n      id\n      profile {\n        email\n      }\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      channels\n      slackApp\n    }\n  }\n": typeof types.NotificationsPageDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      id\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  mutation SendTestNotification($channel: Channel!) {\n    sendTestNotification(channel: $channel) {\n      __typename\n      ... on TestNotificationSent {\n        channel\n      }\n      ... on ChannelNotConfigured {\n        channel\n        message\n      }\n      ... on TestNotificationFailed {\n        channel\n        message\n      }\n    }\n  }\n": typeof types.SendTestNotificationDocument,
    "\n  mutation Join($input: JoinInput!) {\n    join(input: $input) {\n      __typename\n      ... on Joined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n      ... on AlreadyJoined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n    }\n  }\n": typeof types.JoinDocument,
    "\n  query ParticipationPage {\n    me {\n      id\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      nextRoundAt\n      timeZone\n    }\n  }\n": typeof types.ParticipationPageDocument,
    "\n  mutation Pause($until: Date) {\n    pause(until: $until) {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": typeof types.PauseDocument,
    "\n  mutation Resume {\n    resume {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": typeof types.ResumeDocument,
    "\n  query ProfilePage {\n    me {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n": typeof types.ProfilePageDocument,
    "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation UpdatePreferences($input: PreferencesInput!) {\n    updatePreferences(input: $input) {\n      id\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n": typeof types.UpdatePreferencesDocument,
    "\n  query TopicSuggestions {\n    topicSuggestions(first: 30) {\n      topic\n      people\n    }\n  }\n": typeof types.TopicSuggestionsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      id\n      role\n      profile {\n        name\n        email\n      }\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query MatchIntroduction($id: ID!) {\n    match(id: $id) {\n      id\n      introduction {\n        suggestedTime\n        durationMinutes\n        conversationStarter\n        invitation\n        partners {\n          id\n          name\n          pronouns\n          title\n          team\n          timeZone\n          localTime\n          about\n          topics\n          commonTopics\n          contacts {\n            label\n            value\n            url\n          }\n        }\n      }\n    }\n  }\n": types.MatchIntroductionDocument,
    "\n  query MetRate {\n    metRate {\n      overall {\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n        byChannel {\n          channel\n          introduced\n          answered\n          met\n          answeredShare\n          metShare\n        }\n      }\n      rounds {\n        slot\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n      }\n    }\n  }\n": types.MetRateDocument,
    "\n  mutation LinkSlack {\n    linkSlack {\n      __typename\n      ... on SlackLinkCode {\n        command\n        expiresAt\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n": types.LinkSlackDocument,
    "\n  mutation LinkTelegram {\n    linkTelegram {\n      __typename\n      ... on TelegramLink {\n        url\n        expiresAt\n        botUsername\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n": types.LinkTelegramDocument,
    "\n  fragment AuditEntry on AuditEvent {\n    id\n    at\n    actorId\n    action\n    target\n    detail\n  }\n": types.AuditEntryFragmentDoc,
    "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      items {\n        ...AuditEntry\n      }\n      nextCursor\n    }\n  }\n": types.AuditLogDocument,
    "\n  fragment UndeliverableEntry on UndeliverableNotification {\n    matchId\n    userId\n    attempts\n    givenUpAt\n    person {\n      id\n      name\n      email\n    }\n  }\n": types.UndeliverableEntryFragmentDoc,
    "\n  query Undeliverable($first: Int!, $after: String) {\n    undeliverableNotifications(first: $first, after: $after) {\n      items {\n        ...UndeliverableEntry\n      }\n      nextCursor\n    }\n  }\n": types.UndeliverableDocument,
    "\n  mutation ResendNotification($matchId: ID!, $userId: ID!) {\n    resendNotification(matchId: $matchId, userId: $userId) {\n      __typename\n      ... on ResendQueued {\n        matchId\n        userId\n      }\n      ... on AlreadyDelivered {\n        matchId\n        userId\n      }\n    }\n  }\n": types.ResendNotificationDocument,
    "\n  query AdminHome {\n    deploymentSettings {\n      schedule\n      timeZone\n      nextRoundAt\n    }\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      completedRounds\n      feedback\n      undeliverable\n    }\n  }\n": types.AdminHomeDocument,
    "\n  fragment Quality on RoundQuality {\n    repeats\n    groupsWithoutCommonWindow\n    crossTeamShare\n    unmatched\n  }\n": types.QualityFragmentDoc,
    "\n  query Rounds($first: Int!) {\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    rounds(first: $first) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        finishedAt\n        quality {\n          ...Quality\n        }\n      }\n      nextCursor\n    }\n  }\n": types.RoundsDocument,
    "\n  mutation PreviewRound($slot: String!) {\n    previewRound(slot: $slot) {\n      slot\n      groups {\n        members {\n          id\n          name\n          team\n          timeZone\n        }\n        suggestedTime {\n          start\n          end\n        }\n      }\n      unmatched {\n        id\n        name\n      }\n      quality {\n        ...Quality\n      }\n    }\n  }\n": types.PreviewRoundDocument,
    "\n  mutation RunRoundNow($slot: String!) {\n    runRoundNow(slot: $slot) {\n      __typename\n      ... on RoundQueued {\n        slot\n        jobId\n      }\n      ... on RoundAlreadyQueued {\n        slot\n        jobId\n      }\n    }\n  }\n": types.RunRoundNowDocument,
    "\n  subscription RoundProgress {\n    roundProgress {\n      slot\n      status\n      groupsWritten\n      groupsTotal\n    }\n  }\n": types.RoundProgressDocument,
    "\n  query CaughtMail($first: Int!) {\n    caughtMail(first: $first) {\n      id\n      sender\n      to\n      subject\n      sentAt\n      text\n    }\n  }\n": types.CaughtMailDocument,
    "\n  fragment DeploymentConfigFields on DeploymentConfig {\n    deploymentId\n    schedule\n    timeZone\n    meetingSize\n    repeatWindow\n    preferCrossTeam\n    adminEmails\n    allowedEmailDomains\n    channels\n    reminderDelayDays\n    gracePeriodHours\n    updatedAt\n  }\n": types.DeploymentConfigFieldsFragmentDoc,
    "\n  query DeploymentConfig {\n    deploymentConfig {\n      ...DeploymentConfigFields\n    }\n  }\n": types.DeploymentConfigDocument,
    "\n  mutation UpdateDeploymentConfig($input: DeploymentConfigInput!) {\n    updateDeploymentConfig(input: $input) {\n      ...DeploymentConfigFields\n    }\n  }\n": types.UpdateDeploymentConfigDocument,
    "\n  query MessageTemplates {\n    messageTemplates {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n": types.MessageTemplatesDocument,
    "\n  fragment MatchTemplateFields on MessageTemplate {\n    subject\n    body\n    isDefault\n    defaultSubject\n    defaultBody\n    variables\n  }\n": types.MatchTemplateFieldsFragmentDoc,
    "\n  mutation UpdateMatchTemplate($input: MessageTemplateInput!) {\n    updateMatchTemplate(input: $input) {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n": types.UpdateMatchTemplateDocument,
    "\n  mutation PreviewTemplate($input: MessageTemplateInput!) {\n    previewTemplate(input: $input) {\n      subject\n      text\n      html\n    }\n  }\n": types.PreviewTemplateDocument,
    "\n  query SchedulePreview($schedule: String!, $timeZone: String!, $first: Int!) {\n    schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first)\n  }\n": types.SchedulePreviewDocument,
    "\n  query AdminStats($rounds: Int!) {\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      deactivatedPeople\n      rounds\n      completedRounds\n      groups\n      feedback\n      metShare\n      ratings\n      averageRating\n      repeatRate\n      notificationFailures\n      undeliverable\n    }\n    rounds(first: $rounds) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        quality {\n          repeats\n          unmatched\n          groupsWithoutCommonWindow\n          crossTeamShare\n        }\n      }\n    }\n  }\n": types.AdminStatsDocument,
    "\n  query AdminUsers($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      items {\n        ...AdminUser\n      }\n      nextCursor\n    }\n  }\n": types.AdminUsersDocument,
    "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    status\n    pausedUntil\n    createdAt\n  }\n": types.AdminUserFragmentDoc,
    "\n  mutation DeactivatePerson($userId: ID!) {\n    deactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": types.DeactivatePersonDocument,
    "\n  mutation ReactivatePerson($userId: ID!) {\n    reactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": types.ReactivatePersonDocument,
    "\n  mutation PausePerson($userId: ID!, $until: Date) {\n    pausePerson(userId: $userId, until: $until) {\n      ...AdminUser\n    }\n  }\n": types.PausePersonDocument,
    "\n  mutation ResumePerson($userId: ID!) {\n    resumePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n": types.ResumePersonDocument,
    "\n  fragment HistoryMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    participants {\n      id\n      name\n      email\n      team\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n": types.HistoryMatchFragmentDoc,
    "\n  query MyMatches($first: Int!, $after: String) {\n    myMatches(first: $first, after: $after) {\n      items {\n        ...HistoryMatch\n      }\n      nextCursor\n    }\n  }\n": types.MyMatchesDocument,
    "\n  mutation SubmitFeedback($input: FeedbackInput!) {\n    submitFeedback(input: $input) {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n": types.SubmitFeedbackDocument,
    "\n  fragment CurrentMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    createdAt\n    participants {\n      id\n      name\n      email\n      timeZone\n      team\n      topics\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n    }\n  }\n": types.CurrentMatchFragmentDoc,
    "\n  query CurrentMatchPage {\n    me {\n      id\n      preferences {\n        topics\n        meetingLength\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    myCurrentMatch {\n      ...CurrentMatch\n    }\n  }\n": types.CurrentMatchPageDocument,
    "\n  subscription MyNewMatch {\n    myNewMatch {\n      ...CurrentMatch\n    }\n  }\n": types.MyNewMatchDocument,
    "\n  query NotificationsPage {\n    me {\n      id\n      profile {\n        email\n      }\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      channels\n      slackApp\n    }\n  }\n": types.NotificationsPageDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      id\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  mutation SendTestNotification($channel: Channel!) {\n    sendTestNotification(channel: $channel) {\n      __typename\n      ... on TestNotificationSent {\n        channel\n      }\n      ... on ChannelNotConfigured {\n        channel\n        message\n      }\n      ... on TestNotificationFailed {\n        channel\n        message\n      }\n    }\n  }\n": types.SendTestNotificationDocument,
    "\n  mutation Join($input: JoinInput!) {\n    join(input: $input) {\n      __typename\n      ... on Joined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n      ... on AlreadyJoined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n    }\n  }\n": types.JoinDocument,
    "\n  query ParticipationPage {\n    me {\n      id\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      nextRoundAt\n      timeZone\n    }\n  }\n": types.ParticipationPageDocument,
    "\n  mutation Pause($until: Date) {\n    pause(until: $until) {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": types.PauseDocument,
    "\n  mutation Resume {\n    resume {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n": types.ResumeDocument,
    "\n  query ProfilePage {\n    me {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n": types.ProfilePageDocument,
    "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation UpdatePreferences($input: PreferencesInput!) {\n    updatePreferences(input: $input) {\n      id\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n": types.UpdatePreferencesDocument,
    "\n  query TopicSuggestions {\n    topicSuggestions(first: 30) {\n      topic\n      people\n    }\n  }\n": types.TopicSuggestionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      role\n      profile {\n        name\n        email\n      }\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      role\n      profile {\n        name\n        email\n      }\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatchIntroduction($id: ID!) {\n    match(id: $id) {\n      id\n      introduction {\n        suggestedTime\n        durationMinutes\n        conversationStarter\n        invitation\n        partners {\n          id\n          name\n          pronouns\n          title\n          team\n          timeZone\n          localTime\n          about\n          topics\n          commonTopics\n          contacts {\n            label\n            value\n            url\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatchIntroduction($id: ID!) {\n    match(id: $id) {\n      id\n      introduction {\n        suggestedTime\n        durationMinutes\n        conversationStarter\n        invitation\n        partners {\n          id\n          name\n          pronouns\n          title\n          team\n          timeZone\n          localTime\n          about\n          topics\n          commonTopics\n          contacts {\n            label\n            value\n            url\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetRate {\n    metRate {\n      overall {\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n        byChannel {\n          channel\n          introduced\n          answered\n          met\n          answeredShare\n          metShare\n        }\n      }\n      rounds {\n        slot\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetRate {\n    metRate {\n      overall {\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n        byChannel {\n          channel\n          introduced\n          answered\n          met\n          answeredShare\n          metShare\n        }\n      }\n      rounds {\n        slot\n        matches\n        answered\n        met\n        answeredShare\n        metShare\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkSlack {\n    linkSlack {\n      __typename\n      ... on SlackLinkCode {\n        command\n        expiresAt\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LinkSlack {\n    linkSlack {\n      __typename\n      ... on SlackLinkCode {\n        command\n        expiresAt\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkTelegram {\n    linkTelegram {\n      __typename\n      ... on TelegramLink {\n        url\n        expiresAt\n        botUsername\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LinkTelegram {\n    linkTelegram {\n      __typename\n      ... on TelegramLink {\n        url\n        expiresAt\n        botUsername\n      }\n      ... on ChannelNotConfigured {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntry on AuditEvent {\n    id\n    at\n    actorId\n    action\n    target\n    detail\n  }\n"): (typeof documents)["\n  fragment AuditEntry on AuditEvent {\n    id\n    at\n    actorId\n    action\n    target\n    detail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      items {\n        ...AuditEntry\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int!, $after: String) {\n    auditLog(first: $first, after: $after) {\n      items {\n        ...AuditEntry\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UndeliverableEntry on UndeliverableNotification {\n    matchId\n    userId\n    attempts\n    givenUpAt\n    person {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment UndeliverableEntry on UndeliverableNotification {\n    matchId\n    userId\n    attempts\n    givenUpAt\n    person {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Undeliverable($first: Int!, $after: String) {\n    undeliverableNotifications(first: $first, after: $after) {\n      items {\n        ...UndeliverableEntry\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query Undeliverable($first: Int!, $after: String) {\n    undeliverableNotifications(first: $first, after: $after) {\n      items {\n        ...UndeliverableEntry\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendNotification($matchId: ID!, $userId: ID!) {\n    resendNotification(matchId: $matchId, userId: $userId) {\n      __typename\n      ... on ResendQueued {\n        matchId\n        userId\n      }\n      ... on AlreadyDelivered {\n        matchId\n        userId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResendNotification($matchId: ID!, $userId: ID!) {\n    resendNotification(matchId: $matchId, userId: $userId) {\n      __typename\n      ... on ResendQueued {\n        matchId\n        userId\n      }\n      ... on AlreadyDelivered {\n        matchId\n        userId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminHome {\n    deploymentSettings {\n      schedule\n      timeZone\n      nextRoundAt\n    }\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      completedRounds\n      feedback\n      undeliverable\n    }\n  }\n"): (typeof documents)["\n  query AdminHome {\n    deploymentSettings {\n      schedule\n      timeZone\n      nextRoundAt\n    }\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      completedRounds\n      feedback\n      undeliverable\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Quality on RoundQuality {\n    repeats\n    groupsWithoutCommonWindow\n    crossTeamShare\n    unmatched\n  }\n"): (typeof documents)["\n  fragment Quality on RoundQuality {\n    repeats\n    groupsWithoutCommonWindow\n    crossTeamShare\n    unmatched\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Rounds($first: Int!) {\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    rounds(first: $first) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        finishedAt\n        quality {\n          ...Quality\n        }\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query Rounds($first: Int!) {\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    rounds(first: $first) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        finishedAt\n        quality {\n          ...Quality\n        }\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PreviewRound($slot: String!) {\n    previewRound(slot: $slot) {\n      slot\n      groups {\n        members {\n          id\n          name\n          team\n          timeZone\n        }\n        suggestedTime {\n          start\n          end\n        }\n      }\n      unmatched {\n        id\n        name\n      }\n      quality {\n        ...Quality\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PreviewRound($slot: String!) {\n    previewRound(slot: $slot) {\n      slot\n      groups {\n        members {\n          id\n          name\n          team\n          timeZone\n        }\n        suggestedTime {\n          start\n          end\n        }\n      }\n      unmatched {\n        id\n        name\n      }\n      quality {\n        ...Quality\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunRoundNow($slot: String!) {\n    runRoundNow(slot: $slot) {\n      __typename\n      ... on RoundQueued {\n        slot\n        jobId\n      }\n      ... on RoundAlreadyQueued {\n        slot\n        jobId\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunRoundNow($slot: String!) {\n    runRoundNow(slot: $slot) {\n      __typename\n      ... on RoundQueued {\n        slot\n        jobId\n      }\n      ... on RoundAlreadyQueued {\n        slot\n        jobId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RoundProgress {\n    roundProgress {\n      slot\n      status\n      groupsWritten\n      groupsTotal\n    }\n  }\n"): (typeof documents)["\n  subscription RoundProgress {\n    roundProgress {\n      slot\n      status\n      groupsWritten\n      groupsTotal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaughtMail($first: Int!) {\n    caughtMail(first: $first) {\n      id\n      sender\n      to\n      subject\n      sentAt\n      text\n    }\n  }\n"): (typeof documents)["\n  query CaughtMail($first: Int!) {\n    caughtMail(first: $first) {\n      id\n      sender\n      to\n      subject\n      sentAt\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeploymentConfigFields on DeploymentConfig {\n    deploymentId\n    schedule\n    timeZone\n    meetingSize\n    repeatWindow\n    preferCrossTeam\n    adminEmails\n    allowedEmailDomains\n    channels\n    reminderDelayDays\n    gracePeriodHours\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment DeploymentConfigFields on DeploymentConfig {\n    deploymentId\n    schedule\n    timeZone\n    meetingSize\n    repeatWindow\n    preferCrossTeam\n    adminEmails\n    allowedEmailDomains\n    channels\n    reminderDelayDays\n    gracePeriodHours\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeploymentConfig {\n    deploymentConfig {\n      ...DeploymentConfigFields\n    }\n  }\n"): (typeof documents)["\n  query DeploymentConfig {\n    deploymentConfig {\n      ...DeploymentConfigFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDeploymentConfig($input: DeploymentConfigInput!) {\n    updateDeploymentConfig(input: $input) {\n      ...DeploymentConfigFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDeploymentConfig($input: DeploymentConfigInput!) {\n    updateDeploymentConfig(input: $input) {\n      ...DeploymentConfigFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageTemplates {\n    messageTemplates {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageTemplates {\n    messageTemplates {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MatchTemplateFields on MessageTemplate {\n    subject\n    body\n    isDefault\n    defaultSubject\n    defaultBody\n    variables\n  }\n"): (typeof documents)["\n  fragment MatchTemplateFields on MessageTemplate {\n    subject\n    body\n    isDefault\n    defaultSubject\n    defaultBody\n    variables\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMatchTemplate($input: MessageTemplateInput!) {\n    updateMatchTemplate(input: $input) {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMatchTemplate($input: MessageTemplateInput!) {\n    updateMatchTemplate(input: $input) {\n      match {\n        ...MatchTemplateFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PreviewTemplate($input: MessageTemplateInput!) {\n    previewTemplate(input: $input) {\n      subject\n      text\n      html\n    }\n  }\n"): (typeof documents)["\n  mutation PreviewTemplate($input: MessageTemplateInput!) {\n    previewTemplate(input: $input) {\n      subject\n      text\n      html\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchedulePreview($schedule: String!, $timeZone: String!, $first: Int!) {\n    schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first)\n  }\n"): (typeof documents)["\n  query SchedulePreview($schedule: String!, $timeZone: String!, $first: Int!) {\n    schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStats($rounds: Int!) {\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      deactivatedPeople\n      rounds\n      completedRounds\n      groups\n      feedback\n      metShare\n      ratings\n      averageRating\n      repeatRate\n      notificationFailures\n      undeliverable\n    }\n    rounds(first: $rounds) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        quality {\n          repeats\n          unmatched\n          groupsWithoutCommonWindow\n          crossTeamShare\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminStats($rounds: Int!) {\n    stats {\n      activePeople\n      pausedPeople\n      notJoinedPeople\n      deactivatedPeople\n      rounds\n      completedRounds\n      groups\n      feedback\n      metShare\n      ratings\n      averageRating\n      repeatRate\n      notificationFailures\n      undeliverable\n    }\n    rounds(first: $rounds) {\n      items {\n        slot\n        status\n        participants\n        groups\n        startedAt\n        quality {\n          repeats\n          unmatched\n          groupsWithoutCommonWindow\n          crossTeamShare\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      items {\n        ...AdminUser\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      items {\n        ...AdminUser\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    status\n    pausedUntil\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AdminUser on User {\n    id\n    name\n    email\n    role\n    status\n    pausedUntil\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivatePerson($userId: ID!) {\n    deactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivatePerson($userId: ID!) {\n    deactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivatePerson($userId: ID!) {\n    reactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivatePerson($userId: ID!) {\n    reactivatePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PausePerson($userId: ID!, $until: Date) {\n    pausePerson(userId: $userId, until: $until) {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  mutation PausePerson($userId: ID!, $until: Date) {\n    pausePerson(userId: $userId, until: $until) {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumePerson($userId: ID!) {\n    resumePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"): (typeof documents)["\n  mutation ResumePerson($userId: ID!) {\n    resumePerson(userId: $userId) {\n      ...AdminUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HistoryMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    participants {\n      id\n      name\n      email\n      team\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n"): (typeof documents)["\n  fragment HistoryMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    participants {\n      id\n      name\n      email\n      team\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMatches($first: Int!, $after: String) {\n    myMatches(first: $first, after: $after) {\n      items {\n        ...HistoryMatch\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query MyMatches($first: Int!, $after: String) {\n    myMatches(first: $first, after: $after) {\n      items {\n        ...HistoryMatch\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitFeedback($input: FeedbackInput!) {\n    submitFeedback(input: $input) {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitFeedback($input: FeedbackInput!) {\n    submitFeedback(input: $input) {\n      matchId\n      outcome\n      rating\n      comment\n      submittedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CurrentMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    createdAt\n    participants {\n      id\n      name\n      email\n      timeZone\n      team\n      topics\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n    }\n  }\n"): (typeof documents)["\n  fragment CurrentMatch on Match {\n    id\n    slot\n    scheduledDate\n    status\n    createdAt\n    participants {\n      id\n      name\n      email\n      timeZone\n      team\n      topics\n    }\n    suggestedTime {\n      start\n      end\n    }\n    myFeedback {\n      matchId\n      outcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentMatchPage {\n    me {\n      id\n      preferences {\n        topics\n        meetingLength\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    myCurrentMatch {\n      ...CurrentMatch\n    }\n  }\n"): (typeof documents)["\n  query CurrentMatchPage {\n    me {\n      id\n      preferences {\n        topics\n        meetingLength\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      timeZone\n      nextRoundAt\n    }\n    myCurrentMatch {\n      ...CurrentMatch\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyNewMatch {\n    myNewMatch {\n      ...CurrentMatch\n    }\n  }\n"): (typeof documents)["\n  subscription MyNewMatch {\n    myNewMatch {\n      ...CurrentMatch\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationsPage {\n    me {\n      id\n      profile {\n        email\n      }\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      channels\n      slackApp\n    }\n  }\n"): (typeof documents)["\n  query NotificationsPage {\n    me {\n      id\n      profile {\n        email\n      }\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      channels\n      slackApp\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      id\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      id\n      notificationSettings {\n        email\n        slack\n        slackWebhook\n        slackLinked\n        slackName\n        telegram\n        telegramChatId\n        signal\n        signalNumber\n        primaryChannel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestNotification($channel: Channel!) {\n    sendTestNotification(channel: $channel) {\n      __typename\n      ... on TestNotificationSent {\n        channel\n      }\n      ... on ChannelNotConfigured {\n        channel\n        message\n      }\n      ... on TestNotificationFailed {\n        channel\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestNotification($channel: Channel!) {\n    sendTestNotification(channel: $channel) {\n      __typename\n      ... on TestNotificationSent {\n        channel\n      }\n      ... on ChannelNotConfigured {\n        channel\n        message\n      }\n      ... on TestNotificationFailed {\n        channel\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Join($input: JoinInput!) {\n    join(input: $input) {\n      __typename\n      ... on Joined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n      ... on AlreadyJoined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Join($input: JoinInput!) {\n    join(input: $input) {\n      __typename\n      ... on Joined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n      ... on AlreadyJoined {\n        me {\n          id\n          participation {\n            status\n            pausedUntil\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipationPage {\n    me {\n      id\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      nextRoundAt\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query ParticipationPage {\n    me {\n      id\n      preferences {\n        timeZone\n      }\n      participation {\n        status\n        pausedUntil\n      }\n    }\n    deploymentSettings {\n      deploymentId\n      nextRoundAt\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Pause($until: Date) {\n    pause(until: $until) {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Pause($until: Date) {\n    pause(until: $until) {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Resume {\n    resume {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Resume {\n    resume {\n      id\n      participation {\n        status\n        pausedUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilePage {\n    me {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProfilePage {\n    me {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      profile {\n        name\n        email\n        displayName\n        team\n        title\n        pronouns\n        bio\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePreferences($input: PreferencesInput!) {\n    updatePreferences(input: $input) {\n      id\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePreferences($input: PreferencesInput!) {\n    updatePreferences(input: $input) {\n      id\n      preferences {\n        availability\n        topics\n        meetingLength\n        timeZone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicSuggestions {\n    topicSuggestions(first: 30) {\n      topic\n      people\n    }\n  }\n"): (typeof documents)["\n  query TopicSuggestions {\n    topicSuggestions(first: 30) {\n      topic\n      people\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;