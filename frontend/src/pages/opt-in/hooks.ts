/** Joining the deployment: the one mutation of the opt-in step. */

import { useMutation } from "urql";

import { graphql } from "../../gql";

export const JoinDocument = graphql(`
  mutation Join($input: JoinInput!) {
    join(input: $input) {
      __typename
      ... on Joined {
        me {
          id
          participation {
            status
            pausedUntil
          }
        }
      }
      ... on AlreadyJoined {
        me {
          id
          participation {
            status
            pausedUntil
          }
        }
      }
    }
  }
`);

export function useJoin() {
  return useMutation(JoinDocument);
}
