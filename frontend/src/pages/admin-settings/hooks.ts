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
