/** Data of the admin overview: the schedule and its next round, and the headline figures. */

import { useQuery } from "urql";

import { graphql } from "../../gql";

export const AdminHomeDocument = graphql(`
  query AdminHome {
    deploymentSettings {
      schedule
      timeZone
      nextRoundAt
    }
    stats {
      activePeople
      pausedPeople
      notJoinedPeople
      completedRounds
      feedback
      undeliverable
    }
  }
`);

export function useAdminHome() {
  return useQuery({ query: AdminHomeDocument, requestPolicy: "cache-and-network" });
}
