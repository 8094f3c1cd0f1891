import type { Client as WsClient } from "graphql-ws";
import { describe, expect, it, vi } from "vitest";

import { createTokenFetcher } from "./fetcher";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function session(tokens: { fresh: string | null; renewed: string | null }) {
  return { freshToken: vi.fn(async () => tokens.fresh), refresh: vi.fn(async () => tokens.renewed) };
}

describe("GraphiQL's fetcher", () => {
  it("sends the admin's token, whatever headers were typed", async () => {
    const fetchImpl = vi.fn(async (..._args: Parameters<typeof fetch>) => json({ data: { deploymentId: "team-a" } }));
    const fetcher = createTokenFetcher({ session: session({ fresh: "t1", renewed: null }), fetchImpl });
    const result = await fetcher({ query: "{ deploymentId }" }, { headers: { authorization: "Bearer someone-else", "X-Trace": "1" } });
    expect(result).toEqual({ data: { deploymentId: "team-a" } });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe("/graphql");
    expect(init?.method).toBe("POST");
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer t1");
    expect(init?.headers).toMatchObject({ "X-Trace": "1", "Content-Type": "application/json" });
    expect(JSON.parse(String(init?.body))).toEqual({ query: "{ deploymentId }" });
  });

  it("renews the token once when the API answers 401", async () => {
    const fetchImpl = vi
      .fn(async (..._args: Parameters<typeof fetch>) => json({ data: { me: { id: "1" } } }))
      .mockResolvedValueOnce(json({ errors: [{ message: "expired", extensions: { code: "UNAUTHENTICATED" } }] }, 401));
    const tokens = session({ fresh: "old", renewed: "new" });
    const fetcher = createTokenFetcher({ session: tokens, fetchImpl });
    expect(await fetcher({ query: "{ me { id } }" })).toEqual({ data: { me: { id: "1" } } });
    expect(tokens.refresh).toHaveBeenCalledTimes(1);
    expect(fetchImpl.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).Authorization)).toEqual(["Bearer old", "Bearer new"]);
  });

  it("sends subscriptions over the websocket", async () => {
    const fetchImpl = vi.fn(async (..._args: Parameters<typeof fetch>) => json({}));
    const stream = { [Symbol.asyncIterator]: vi.fn() };
    const iterate = vi.fn(() => stream);
    const fetcher = createTokenFetcher({ session: session({ fresh: "t", renewed: null }), ws: { iterate } as unknown as WsClient, fetchImpl });
    const query = "subscription Progress { roundProgress { slot } }";
    expect(await fetcher({ query, operationName: "Progress" })).toBe(stream);
    expect(iterate).toHaveBeenCalledWith({ query, variables: undefined, operationName: "Progress" });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
