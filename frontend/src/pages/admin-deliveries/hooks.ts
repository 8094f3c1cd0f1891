/** Data of the undelivered notifications page: who could not be told of a match, and sending again. */

import { useCallback, useEffect, useState } from "react";
import { useClient, useMutation, type CombinedError } from "urql";

import { graphql } from "../../gql";
import type { UndeliverableEntryFragment } from "../../gql/graphql";

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

const PAGE_SIZE = 50;

/** The notifications given up on, oldest first, a page at a time. */
export function useUndeliverable() {
  const client = useClient();
  const [items, setItems] = useState<UndeliverableEntryFragment[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const result = await client.query(UndeliverableDocument, { first: PAGE_SIZE, after }, { requestPolicy: "network-only" }).toPromise();
      setLoading(false);
      if (result.error || !result.data) {
        setError(result.error);
        setItems((current) => current ?? []);
        return;
      }
      const page = result.data.undeliverableNotifications;
      setError(undefined);
      setItems((current) => (after === null ? page.items : [...(current ?? []), ...page.items]));
      setCursor(page.nextCursor ?? null);
    },
    [client],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor),
    reload: () => void load(null),
  };
}

export function useResendNotification() {
  return useMutation(ResendNotificationDocument);
}
