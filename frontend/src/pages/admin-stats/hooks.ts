/** Data of the admin statistics page: the deployment's figures and its recent rounds. */

import { useQuery } from "urql";

import { graphql } from "../../gql";

export const AdminStatsDocument = graphql(`
  query AdminStats($rounds: Int!) {
    stats {
      activePeople
      pausedPeople
      notJoinedPeople
      deactivatedPeople
      rounds
      completedRounds
      groups
      feedback
      metShare
      ratings
      averageRating
      repeatRate
      notificationFailures
      undeliverable
    }
    rounds(first: $rounds) {
      items {
        slot
        status
        participants
        groups
        startedAt
        quality {
          repeats
          unmatched
          groupsWithoutCommonWindow
          crossTeamShare
        }
      }
    }
  }
`);

export function useAdminStats() {
  return useQuery({ query: AdminStatsDocument, variables: { rounds: 30 }, requestPolicy: "cache-and-network" });
}
