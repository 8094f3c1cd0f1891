/** Data of the audit log page: events newest first, a page at a time. */

import { useCallback, useEffect, useState } from "react";
import { useClient, type CombinedError } from "urql";

import { graphql } from "../../gql";
import type { AuditEntryFragment } from "../../gql/graphql";

export const AuditEntryFragmentDoc = graphql(`
  fragment AuditEntry on AuditEvent {
    id
    at
    actorId
    action
    target
    detail
  }
`);

export const AuditLogDocument = graphql(`
  query AuditLog($first: Int!, $after: String) {
    auditLog(first: $first, after: $after) {
      items {
        ...AuditEntry
      }
      nextCursor
    }
  }
`);

const PAGE_SIZE = 50;

/** The events read so far, and a way to read the next (older) page. */
export function useAuditLog() {
  const client = useClient();
  const [items, setItems] = useState<AuditEntryFragment[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const result = await client.query(AuditLogDocument, { first: PAGE_SIZE, after }, { requestPolicy: "network-only" }).toPromise();
      setLoading(false);
      if (result.error || !result.data) {
        setError(result.error);
        setItems((current) => current ?? []);
        return;
      }
      const page = result.data.auditLog;
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
