import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { Provider } from "urql";
import { describe, expect, it } from "vitest";

import { RequireSession } from "../app/guards";
import { ViewerDocument } from "../app/viewer";
import { createApiClient } from "./client";
import { takeReturnTo } from "./drafts";
import { markSigningIn, Session } from "./session";
import { SessionProvider } from "./session-context";

interface Call {
  url: string;
  authorization: string | null;
}

/** A stand-in for the API: GraphQL accepts only `validToken`; /auth/refresh hands out `refreshTo`. */
function fakeApi({ validToken, refreshTo }: { validToken: string; refreshTo: string | null }) {
  const calls: Call[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const authorization = new Headers(init?.headers).get("Authorization");
    calls.push({ url, authorization });
    if (url.endsWith("/auth/refresh")) {
      // The API's CSRF check: JSON and its own header, or the cookie is not honoured.
      const headers = new Headers(init?.headers);
      if (headers.get("Content-Type") !== "application/json" || headers.get("X-Vcoffee-Csrf") !== "1") {
        return json({ error: { code: "FORBIDDEN", message: "cross-site" } }, 403);
      }
      return refreshTo ? json({ accessToken: refreshTo, tokenType: "Bearer" }) : json({ error: { code: "UNAUTHENTICATED", message: "not signed in" } }, 401);
    }
    if (authorization !== `Bearer ${validToken}`) {
      return json({ data: null, errors: [{ message: "Sign in again.", extensions: { code: "UNAUTHENTICATED" } }] });
    }
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
  return { calls, fetchImpl };
}

async function signedIn(session: Session) {
  await session.refresh();
  expect(session.snapshot().status).toBe("signed-in");
}

describe("GraphQL client authentication", () => {
  it("sends the access token as a bearer header", async () => {
    const api = fakeApi({ validToken: "t1", refreshTo: "t1" });
    const session = new Session(api.fetchImpl);
    await signedIn(session);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    const result = await client.query(ViewerDocument, {}).toPromise();
    expect(result.data?.me.profile.name).toBe("Ada");
    expect(api.calls.at(-1)).toEqual({ url: "http://api.test/graphql", authorization: "Bearer t1" });
  });

  it("refreshes once silently on UNAUTHENTICATED and retries with the new token", async () => {
    const api = fakeApi({ validToken: "fresh", refreshTo: "stale" });
    const session = new Session(api.fetchImpl);
    await signedIn(session);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    // From now on the refresh cookie yields a valid token.
    const refreshed = fakeApi({ validToken: "fresh", refreshTo: "fresh" });
    Object.assign(session, { fetchImpl: refreshed.fetchImpl });
    const result = await client.query(ViewerDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.me.id).toBe("u1");
    // The first refresh signed in; the query went out with the stale token, then again with the fresh one.
    expect(api.calls.map((c) => c.authorization)).toEqual([null, "Bearer stale", "Bearer fresh"]);
    expect(refreshed.calls.map((c) => c.url)).toEqual(["/auth/refresh"]);
    expect(session.snapshot().status).toBe("signed-in");
  });

  it("ends the session when the refresh fails, after a single attempt", async () => {
    const api = fakeApi({ validToken: "never", refreshTo: "old" });
    const session = new Session(api.fetchImpl);
    await signedIn(session);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    const failing = fakeApi({ validToken: "never", refreshTo: null });
    Object.assign(session, { fetchImpl: failing.fetchImpl });
    const result = await client.query(ViewerDocument, {}).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(failing.calls.filter((c) => c.url === "/auth/refresh")).toHaveLength(1);
    expect(session.snapshot().status).toBe("expired");
  });

  it("shares one refresh between concurrent callers", async () => {
    const api = fakeApi({ validToken: "t", refreshTo: "t" });
    const session = new Session(api.fetchImpl);
    const tokens = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(tokens).toEqual(["t", "t", "t"]);
    expect(api.calls).toHaveLength(1);
  });
});

describe("signed-in routes", () => {
  it("send a person without a session to sign in, remembering where they were", async () => {
    const api = fakeApi({ validToken: "x", refreshTo: null });
    const session = new Session(api.fetchImpl);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    render(
      <SessionProvider session={session}>
        <Provider value={client}>
          <MemoryRouter initialEntries={["/history?page=2"]}>
            <Routes>
              <Route path="/sign-in" element={<p>Sign-in page</p>} />
              <Route element={<RequireSession />}>
                <Route path="/history" element={<p>History page</p>} />
              </Route>
            </Routes>
          </MemoryRouter>
        </Provider>
      </SessionProvider>,
    );
    expect(await screen.findByText("Sign-in page")).toBeInTheDocument();
    expect(takeReturnTo()).toBe("/history?page=2");
  });

  it("ask nothing of the API when this browser has no session", async () => {
    const api = fakeApi({ validToken: "x", refreshTo: null });
    const session = new Session(api.fetchImpl);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    render(
      <SessionProvider session={session}>
        <Provider value={client}>
          <MemoryRouter initialEntries={["/history"]}>
            <Routes>
              <Route path="/sign-in" element={<p>Sign-in page</p>} />
              <Route element={<RequireSession />}>
                <Route path="/history" element={<p>History page</p>} />
              </Route>
            </Routes>
          </MemoryRouter>
        </Provider>
      </SessionProvider>,
    );
    expect(await screen.findByText("Sign-in page")).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });

  it("show the page once the refresh cookie yields a session", async () => {
    // Back from the provider: the sign-in page marked the trip.
    markSigningIn();
    const api = fakeApi({ validToken: "ok", refreshTo: "ok" });
    const session = new Session(api.fetchImpl);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl: api.fetchImpl });
    render(
      <SessionProvider session={session}>
        <Provider value={client}>
          <MemoryRouter initialEntries={["/history"]}>
            <Routes>
              <Route path="/sign-in" element={<p>Sign-in page</p>} />
              <Route element={<RequireSession />}>
                <Route path="/history" element={<p>History page</p>} />
              </Route>
            </Routes>
          </MemoryRouter>
        </Provider>
      </SessionProvider>,
    );
    expect(await screen.findByText("History page")).toBeInTheDocument();
  });

  it("say why a rate-limited renewal failed, keep the person signed in, and try again on request", async () => {
    markSigningIn();
    const api = fakeApi({ validToken: "ok", refreshTo: "ok" });
    let limited = true;
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) =>
      limited && String(input).endsWith("/auth/refresh")
        ? new Response(JSON.stringify({ error: { code: "RATE_LIMITED", message: "too many requests" } }), { status: 429, headers: { "Retry-After": "600" } })
        : api.fetchImpl(input, init)) as typeof fetch;
    const session = new Session(fetchImpl);
    const { client } = createApiClient({ session, url: "http://api.test/graphql", fetchImpl });
    render(
      <SessionProvider session={session}>
        <Provider value={client}>
          <MemoryRouter initialEntries={["/history"]}>
            <Routes>
              <Route path="/sign-in" element={<p>Sign-in page</p>} />
              <Route element={<RequireSession />}>
                <Route path="/history" element={<p>History page</p>} />
              </Route>
            </Routes>
          </MemoryRouter>
        </Provider>
      </SessionProvider>,
    );
    expect(await screen.findByText("Your session could not be renewed just now")).toBeInTheDocument();
    expect(screen.getByText(/You sent many requests in a short time/)).toBeInTheDocument();
    expect(screen.queryByText("Sign-in page")).toBeNull();
    limited = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("History page")).toBeInTheDocument();
  });
});
