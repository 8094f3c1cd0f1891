/** Data of the deployment settings page: the admin configuration and its update. */

import { useMutation, useQuery } from "urql";

import { graphql } from "../../gql";

export const DeploymentConfigFragmentDoc = graphql(`
  fragment DeploymentConfigFields on DeploymentConfig {
    deploymentId
    schedule
    timeZone
    meetingSize
    repeatWindow
    preferCrossTeam
    adminEmails
    allowedEmailDomains
    channels
    reminderDelayDays
    gracePeriodHours
    updatedAt
  }
`);

export const DeploymentConfigDocument = graphql(`
  query DeploymentConfig {
    deploymentConfig {
      ...DeploymentConfigFields
    }
  }
`);

export const UpdateDeploymentConfigDocument = graphql(`
  mutation UpdateDeploymentConfig($input: DeploymentConfigInput!) {
    updateDeploymentConfig(input: $input) {
      ...DeploymentConfigFields
    }
  }
`);

export function useDeploymentConfig() {
  return useQuery({ query: DeploymentConfigDocument });
}

export function useUpdateDeploymentConfig() {
  return useMutation(UpdateDeploymentConfigDocument);
}

export const MessageTemplatesDocument = graphql(`
  query MessageTemplates {
    messageTemplates {
      match {
        ...MatchTemplateFields
      }
    }
  }
`);

export const MatchTemplateFragmentDoc = graphql(`
  fragment MatchTemplateFields on MessageTemplate {
    subject
    body
    isDefault
    defaultSubject
    defaultBody
    variables
  }
`);

export const UpdateMatchTemplateDocument = graphql(`
  mutation UpdateMatchTemplate($input: MessageTemplateInput!) {
    updateMatchTemplate(input: $input) {
      match {
        ...MatchTemplateFields
      }
    }
  }
`);

export const PreviewTemplateDocument = graphql(`
  mutation PreviewTemplate($input: MessageTemplateInput!) {
    previewTemplate(input: $input) {
      subject
      text
      html
    }
  }
`);

export function useMessageTemplates() {
  return useQuery({ query: MessageTemplatesDocument });
}

export function useUpdateMatchTemplate() {
  return useMutation(UpdateMatchTemplateDocument);
}

export function usePreviewTemplate() {
  return useMutation(PreviewTemplateDocument);
}

export const SchedulePreviewDocument = graphql(`
  query SchedulePreview($schedule: String!, $timeZone: String!, $first: Int!) {
    schedulePreview(schedule: $schedule, timeZone: $timeZone, first: $first)
  }
`);
