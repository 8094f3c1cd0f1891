import { describe, expect, it } from "vitest";

import { ViewerDocument } from "../app/viewer";
import { MyNewMatchDocument } from "../pages/match/hooks";
import { createApiClient } from "./client";
import { Session } from "./session";

/** A browser WebSocket stand-in speaking graphql-transport-ws as the API does; the test decides when it closes. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: FakeSocket[] = [];
  readonly protocol = "graphql-transport-ws";
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string,
  ) {
    FakeSocket.opened.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }

  send(data: string) {
    const message = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(message);
    if (message.type === "connection_init") this.reply({ type: "connection_ack" });
  }

  reply(message: Record<string, unknown>) {
    setTimeout(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }

  close(code = 1000, reason = "") {
    if (this.readyState === 3) return;
    this.readyState = 3;
    setTimeout(() => this.onclose?.({ code, reason, wasClean: true }));
  }

  subscriptionIds(): string[] {
    return this.sent.filter((message) => message.type === "subscribe").map((message) => String(message.id));
  }
}

function viewerApi(tokens: string[]) {
  let queries = 0;
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  const fetchImpl = (async (input: RequestInfo | URL) => {
    if (String(input).endsWith("/auth/refresh")) return json({ accessToken: tokens.shift() ?? "last", tokenType: "Bearer" });
    queries += 1;
    return json({
      data: {
        me: {
          __typename: "Me",
          id: "u1",
          role: "MEMBER",
          profile: { __typename: "Profile", name: "Ada", email: "ada@example.com" },
          preferences: { __typename: "Preferences", timeZone: "Europe/Berlin" },
          participation: { __typename: "Participation", status: "ACTIVE", pausedUntil: null },
        },
      },
    });
  }) as typeof fetch;
  return { fetchImpl, queries: () => queries };
}

function socket(index: number): FakeSocket {
  const found = FakeSocket.opened[index];
  if (!found) throw new Error(`no socket ${index}`);
  return found;
}

async function until(check: () => boolean) {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

async function setUp(tokens: string[]) {
  FakeSocket.opened = [];
  const api = viewerApi(tokens);
  const session = new Session(api.fetchImpl);
  await session.refresh();
  const { client } = createApiClient({
    session,
    url: "http://api.test/graphql",
    fetchImpl: api.fetchImpl,
    live: { webSocketImpl: FakeSocket, retryWait: async () => {} },
  });
  const errors: unknown[] = [];
  const page = client.query(ViewerDocument, {}).subscribe(() => {});
  const feed = client.subscription(MyNewMatchDocument, {}).subscribe((result) => {
    if (result.error) errors.push(result.error);
  });
  await until(() => FakeSocket.opened.length === 1 && socket(0).subscriptionIds().length === 1);
  await until(() => api.queries() === 1);
  return { api, errors, stop: () => (page.unsubscribe(), feed.unsubscribe()) };
}

describe("live subscriptions", () => {
  it("reconnect after the API drops a lagging socket (4413), and the page reads its data again", async () => {
    const { api, errors, stop } = await setUp(["t1"]);
    socket(0).close(4413, "Events not read in time");
    await until(() => FakeSocket.opened.length === 2 && socket(1).subscriptionIds().length === 1);
    await until(() => api.queries() === 2);
    expect(errors).toEqual([]);
    stop();
  });

  it("reconnect after the API closed the socket because Redis went away (4503), and the page reads its data again", async () => {
    const { api, errors, stop } = await setUp(["t1"]);
    socket(0).close(4503, "Live events are unavailable");
    await until(() => FakeSocket.opened.length === 2 && socket(1).subscriptionIds().length === 1);
    const init = socket(1).sent.find((message) => message.type === "connection_init");
    expect(init?.payload).toEqual({ authorization: "Bearer t1" });
    await until(() => api.queries() === 2);
    expect(errors).toEqual([]);
    stop();
  });

  it("resume with a renewed token after the socket's token expired (4401), without a reload", async () => {
    const { api, errors, stop } = await setUp(["t1", "t2"]);
    socket(0).close(4401, "Unauthorized");
    await until(() => FakeSocket.opened.length === 2 && socket(1).subscriptionIds().length === 1);
    const init = socket(1).sent.find((message) => message.type === "connection_init");
    expect(init?.payload).toEqual({ authorization: "Bearer t2" });
    await until(() => api.queries() === 2);
    expect(errors).toEqual([]);
    stop();
  });

  it("stop at the API's refusal of too many sockets (4429) and tell the page", async () => {
    const { errors, stop } = await setUp(["t1"]);
    socket(0).close(4429, "Too many sockets for this person");
    await until(() => errors.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeSocket.opened.length).toBe(1);
    stop();
  });
});
