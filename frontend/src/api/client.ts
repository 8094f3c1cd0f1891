/** The GraphQL client: HTTP for queries and mutations, graphql-transport-ws for subscriptions, both authenticated. */

import { authExchange } from "@urql/exchange-auth";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange, subscriptionExchange, type CombinedError, type ExecutionResult, type Operation } from "urql";

import type { Session } from "./session";

export function isAuthError(error: CombinedError): boolean {
  if (error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) return true;
  return (error.response as Response | undefined)?.status === 401;
}

// graphql-transport-ws close code the API uses when connection_init does not authenticate, or
// when the token of a live socket expires or its session ends.
const UNAUTHENTICATED_CLOSE = 4401;
// Subscriptions resumed in a row after 4401 before the error reaches the page.
const MAX_RESUMES = 3;

function closeCode(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" ? error.code : undefined;
}

/** The queries pages are showing now, so they can be read again when live events may have been missed. */
function activeQueries() {
  const active = new Map<number, Operation>();
  const exchange = mapExchange({
    onOperation(operation) {
      if (operation.kind === "query") active.set(operation.key, operation);
      else if (operation.kind === "teardown") active.delete(operation.key);
    },
  });
  const refetch = (client: Client) => {
    for (const operation of active.values()) {
      client.reexecuteOperation(makeOperation("query", operation, { ...operation.context, requestPolicy: "network-only" }));
    }
  };
  return { exchange, refetch };
}

function websocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

export interface ApiClients {
  client: Client;
  ws: WsClient;
}

interface LiveOptions {
  /** For tests: the WebSocket class and the wait before each reconnect. */
  webSocketImpl?: unknown;
  retryWait?: (retries: number) => Promise<void>;
}

export function createApiClient({
  session,
  url = "/graphql",
  fetchImpl,
  live = {},
}: {
  session: Session;
  url?: string;
  fetchImpl?: typeof fetch;
  live?: LiveOptions;
}): ApiClients {
  // Set when the server closed the socket for a token it no longer accepts.
  let rejected = false;
  // Set when the socket went away other than by our own closing: events may have been missed
  // meanwhile (the API drops a socket that lags with 4413), so pages read their data again.
  let lost = false;
  let resumes = 0;
  const queries = activeQueries();
  const ws = createWsClient({
    url: websocketUrl(url),
    lazy: true,
    retryAttempts: Infinity,
    webSocketImpl: live.webSocketImpl,
    retryWait: live.retryWait,
    // Reconnect while signed in; once the session has ended there is nobody to reconnect for.
    shouldRetry: () => session.snapshot().status === "signed-in",
    on: {
      closed: (event) => {
        const code = closeCode(event);
        if (code === UNAUTHENTICATED_CLOSE) rejected = true;
        if (code !== 1000) lost = true;
      },
      connected: () => {
        resumes = 0;
        if (lost) {
          lost = false;
          queries.refetch(client);
        }
      },
    },
    // Called on every (re)connect, so a reconnect after expiry carries a renewed token.
    connectionParams: async () => {
      const token = rejected ? await session.refresh() : await session.freshToken();
      rejected = false;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });

  const client = new Client({
    url,
    fetch: fetchImpl,
    // The API accepts operations only as POST.
    preferGetMethod: false,
    fetchOptions: { credentials: "same-origin" },
    exchanges: [
      queries.exchange,
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = session.token();
          return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
        },
        didAuthError: isAuthError,
        // The exchange retries the operation once after this; a failed refresh ends the session.
        async refreshAuth() {
          await session.refresh();
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              let stopped = false;
              let dispose = () => {};
              // A socket closed for an expired token is fatal to graphql-ws; subscribe again,
              // which reconnects with a renewed token, so the page keeps its live feed.
              const start = () => {
                dispose = ws.subscribe(input, {
                  next: (value) => sink.next(value as ExecutionResult),
                  complete: () => sink.complete(),
                  error: (error) => {
                    const resumable = closeCode(error) === UNAUTHENTICATED_CLOSE && session.snapshot().status === "signed-in";
                    if (!stopped && resumable && resumes < MAX_RESUMES) {
                      resumes += 1;
                      start();
                    } else sink.error(error);
                  },
                });
              };
              start();
              return {
                unsubscribe: () => {
                  stopped = true;
                  dispose();
                },
              };
            },
          };
        },
      }),
    ],
  });
  return { client, ws };
}
