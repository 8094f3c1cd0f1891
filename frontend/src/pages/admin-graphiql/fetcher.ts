/** How GraphiQL reaches the API: as the signed-in admin, with their access token. */

import type { Fetcher, FetcherOpts, FetcherParams } from "@graphiql/toolkit";
import { getOperationAST, parse } from "graphql";
import type { Client as WsClient, ExecutionResult } from "graphql-ws";

interface TokenSource {
  freshToken(): Promise<string | null>;
  refresh(): Promise<string | null>;
}

function typedHeaders(opts: FetcherOpts | undefined): Record<string, string> {
  const entries = Object.entries(opts?.headers ?? {}).filter(([name]) => name.toLowerCase() !== "authorization");
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

function isSubscription(params: FetcherParams, opts: FetcherOpts | undefined): boolean {
  try {
    const document = opts?.documentAST ?? parse(params.query);
    return getOperationAST(document, params.operationName ?? undefined)?.operation === "subscription";
  } catch {
    return false; // the API answers a document that does not parse with a coded error
  }
}

/**
 * Queries and mutations go over HTTP with the admin's bearer token, renewed once when the API
 * answers 401; subscriptions go over the websocket. Headers typed into GraphiQL cannot replace
 * the token: the page acts as the signed-in admin and nobody else.
 */
export function createTokenFetcher({
  session,
  ws,
  url = "/graphql",
  fetchImpl = (...args) => fetch(...args),
}: {
  session: TokenSource;
  ws?: WsClient;
  url?: string;
  fetchImpl?: typeof fetch;
}): Fetcher {
  return async (params, opts) => {
    if (ws && isSubscription(params, opts)) {
      return ws.iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined }) as AsyncIterable<ExecutionResult>;
    }
    const send = (token: string | null) =>
      fetchImpl(url, {
        method: "POST",
        credentials: "omit",
        headers: {
          ...typedHeaders(opts),
          Accept: "application/json",
          "Content-Type": "application/json",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(params),
      });
    let response = await send(await session.freshToken());
    if (response.status === 401) response = await send(await session.refresh());
    return (await response.json()) as ExecutionResult;
  };
}
