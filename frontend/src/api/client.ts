/** The GraphQL client: HTTP for queries and mutations, graphql-transport-ws for subscriptions, both authenticated. */

import { authExchange } from "@urql/exchange-auth";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type CombinedError } from "urql";

import type { Session } from "./session";

export function isAuthError(error: CombinedError): boolean {
  if (error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) return true;
  return (error.response as Response | undefined)?.status === 401;
}

// graphql-transport-ws close code the API uses when connection_init does not authenticate.
const UNAUTHENTICATED_CLOSE = 4401;

function websocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

export interface ApiClients {
  client: Client;
  ws: WsClient;
}

export function createApiClient({ session, url = "/graphql", fetchImpl }: { session: Session; url?: string; fetchImpl?: typeof fetch }): ApiClients {
  // Set when the server closed the socket for a token it no longer accepts.
  let rejected = false;
  const ws = createWsClient({
    url: websocketUrl(url),
    lazy: true,
    retryAttempts: Infinity,
    // Reconnect while signed in; once the session has ended there is nobody to reconnect for.
    shouldRetry: () => session.snapshot().status === "signed-in",
    on: {
      closed: (event) => {
        if ((event as CloseEvent).code === UNAUTHENTICATED_CLOSE) rejected = true;
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
              const dispose = ws.subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
  return { client, ws };
}
