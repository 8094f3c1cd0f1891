/** Cursor-paginated lists: every page at once (tables that sort and filter in the browser), or page by page. */

import { useCallback, useEffect, useRef, useState } from "react";
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

/** Reads a cursor-paginated list a page at a time: the first on mount, the next on request. */
export function usePageByPage<T, Q>({
  document,
  pick,
  pageSize = 50,
}: {
  document: TypedDocumentNode<Q, { first: number; after?: string | null }>;
  pick: (data: Q) => Page<T>;
  pageSize?: number;
}) {
  const client = useClient();
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | undefined>();
  const [loading, setLoading] = useState(false);
  // A caller's fresh `pick` literal each render must not reload the list.
  const picked = useRef(pick);
  picked.current = pick;

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const result = await client.query(document, { first: pageSize, after }, { requestPolicy: "network-only" }).toPromise();
      setLoading(false);
      if (result.error || !result.data) {
        setError(result.error);
        setItems((current) => current ?? []);
        return;
      }
      const page = picked.current(result.data);
      setError(undefined);
      setItems((current) => (after === null ? page.items : [...(current ?? []), ...page.items]));
      setCursor(page.nextCursor ?? null);
    },
    [client, document, pageSize],
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
