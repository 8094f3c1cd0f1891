/** Reads every page of a cursor-paginated list, for tables that sort and filter in the browser. */

import { useEffect, useState } from "react";
import { useClient, type CombinedError, type TypedDocumentNode } from "urql";

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export function useAllPages<T, Q, V extends { first: number; after?: string | null }>({
  document,
  variables,
  pick,
  pageSize = 50,
  maxPages = 40,
}: {
  document: TypedDocumentNode<Q, V>;
  variables: Omit<V, "first" | "after">;
  pick: (data: Q) => Page<T>;
  pageSize?: number;
  maxPages?: number;
}) {
  const client = useClient();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const collected: T[] = [];
      let after: string | null = null;
      for (let page = 0; page < maxPages; page += 1) {
        const vars = { ...variables, first: pageSize, after } as unknown as V;
        const result = await client.query(document, vars, { requestPolicy: "network-only" }).toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setError(result.error);
          setItems((current) => current ?? []);
          return;
        }
        const { items: pageItems, nextCursor } = pick(result.data);
        collected.push(...pageItems);
        after = nextCursor ?? null;
        if (after === null) break;
      }
      setError(undefined);
      setItems(collected);
    })();
    return () => {
      cancelled = true;
    };
    // `variables` and `pick` are compared through `key`; callers pass fresh literals each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, document, key, pageSize, maxPages, version]);
  return { items, error, reload: () => setVersion((v) => v + 1), replace: setItems };
}
