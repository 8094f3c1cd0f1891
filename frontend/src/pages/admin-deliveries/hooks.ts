/** Data of the undelivered notifications page: who could not be told of a match, and sending again. */

import { useMutation } from "urql";

import { usePageByPage } from "../../api/paged";
import { graphql } from "../../gql";

export const UndeliverableEntryFragmentDoc = graphql(`
  fragment UndeliverableEntry on UndeliverableNotification {
    matchId
    userId
    attempts
    givenUpAt
    person {
      id
      name
      email
    }
  }
`);

export const UndeliverableDocument = graphql(`
  query Undeliverable($first: Int!, $after: String) {
    undeliverableNotifications(first: $first, after: $after) {
      items {
        ...UndeliverableEntry
      }
      nextCursor
    }
  }
`);

export const ResendNotificationDocument = graphql(`
  mutation ResendNotification($matchId: ID!, $userId: ID!) {
    resendNotification(matchId: $matchId, userId: $userId) {
      __typename
      ... on ResendQueued {
        matchId
        userId
      }
      ... on AlreadyDelivered {
        matchId
        userId
      }
    }
  }
`);

/** The notifications given up on, oldest first, a page at a time. */
export function useUndeliverable() {
  return usePageByPage({ document: UndeliverableDocument, pick: (data) => data.undeliverableNotifications });
}

export function useResendNotification() {
  return useMutation(ResendNotificationDocument);
}
