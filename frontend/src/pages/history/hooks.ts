/** Data of the history page: all my matches, page by page, and the feedback mutation. */

import { useMutation } from "urql";

import { useAllPages } from "../../api/paged";
import { graphql } from "../../gql";

export const HistoryMatchFragmentDoc = graphql(`
  fragment HistoryMatch on Match {
    id
    slot
    scheduledDate
    status
    participants {
      id
      name
      email
      team
    }
    suggestedTime {
      start
      end
    }
    myFeedback {
      matchId
      outcome
      rating
      comment
      submittedAt
    }
  }
`);

export const MyMatchesDocument = graphql(`
  query MyMatches($first: Int!, $after: String) {
    myMatches(first: $first, after: $after) {
      items {
        ...HistoryMatch
      }
      nextCursor
    }
  }
`);

export const SubmitFeedbackDocument = graphql(`
  mutation SubmitFeedback($input: FeedbackInput!) {
    submitFeedback(input: $input) {
      matchId
      outcome
      rating
      comment
      submittedAt
    }
  }
`);

/** The whole history: sorting and filtering happen in the browser, and a person has one match a round. */
export function useAllMyMatches() {
  return useAllPages({ document: MyMatchesDocument, variables: {}, pick: (data) => data.myMatches });
}

export function useSubmitFeedback() {
  return useMutation(SubmitFeedbackDocument);
}
