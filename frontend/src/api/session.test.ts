import { afterEach, describe, expect, it, vi } from "vitest";

import { MAX_RETRY_WAIT_MS, REFRESH_ATTEMPTS, retryAfterOf, Session, type SessionState } from "./session";

type Reply = Response | Error;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

const token = (value: string) => json({ accessToken: value, tokenType: "Bearer" });
const unauthenticated = () => json({ error: { code: "UNAUTHENTICATED", message: "not signed in" } }, 401);
const rateLimited = (seconds: string) =>
  json({ error: { code: "RATE_LIMITED", message: "too many requests", retryAfter: Number(seconds) } }, 429, { "Retry-After": seconds });
const unavailable = () => json({ error: { code: "SERVICE_UNAVAILABLE", message: "down" } }, 503);

/** /auth/refresh answering `replies` in turn (the last one from then on), and a sleep that only records. */
function harness(...replies: Reply[]) {
  const calls: string[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL) => {
    calls.push(String(input));
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply instanceof Error) throw reply;
    return reply.clone();
  }) as unknown as typeof fetch;
  const waits: number[] = [];
  const sleep = vi.fn(async (ms: number) => {
    waits.push(ms);
  });
  const session = new Session(fetchImpl, sleep);
  const seen: SessionState[] = [];
  session.subscribe(() => seen.push(session.snapshot()));
  return { session, calls, waits, seen };
}

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe("renewing the session", () => {
  it("waits as long as a 429 says, asks again and stays signed in", async () => {
    const { session, calls, waits, seen } = harness(token("t1"), rateLimited("2"), token("t2"));
    await session.refresh();
    expect(await session.refresh()).toBe("t2");
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([2_000]);
    expect(seen.map((state) => state.status)).not.toContain("expired");
    // Meanwhile the person was told why, and that it is retried.
    const waiting = seen.find((state) => state.problem !== null);
    expect(waiting?.problem?.code).toBe("RATE_LIMITED");
    expect(waiting?.problem?.retryAt).not.toBeNull();
    expect(waiting?.accessToken).toBe("t1");
    expect(session.snapshot()).toEqual({ status: "signed-in", accessToken: "t2", problem: null });
  });

  it("keeps the session through a 5xx, with a bounded number of attempts, then says so", async () => {
    const { session, calls, waits } = harness(token("t1"), unavailable());
    await session.refresh();
    expect(await session.refresh()).toBe("t1");
    expect(calls).toHaveLength(1 + REFRESH_ATTEMPTS);
    expect(waits).toEqual([1_000, 4_000]);
    expect(session.snapshot()).toEqual({ status: "signed-in", accessToken: "t1", problem: { code: "SERVICE_UNAVAILABLE", retryAt: null } });
    // A request that stayed unauthenticated meanwhile does not end it either.
    session.expire();
    expect(session.snapshot().status).toBe("signed-in");
  });

  it("keeps the session when the network is gone, and clears the problem once an answer comes", async () => {
    const { session } = harness(token("t1"), new TypeError("Failed to fetch"), new TypeError("Failed to fetch"), new TypeError("Failed to fetch"), token("t2"));
    await session.refresh();
    expect(await session.refresh()).toBe("t1");
    expect(session.snapshot().problem).toEqual({ code: "NETWORK", retryAt: null });
    expect(await session.refresh()).toBe("t2");
    expect(session.snapshot()).toEqual({ status: "signed-in", accessToken: "t2", problem: null });
  });

  it("does not wait out a Retry-After beyond its bound, and a load stays undecided, not signed out", async () => {
    localStorage.setItem("vcoffee.maybeSignedIn", "1");
    const beyond = String(MAX_RETRY_WAIT_MS / 1000 + 60);
    const { session, calls, waits } = harness(rateLimited(beyond));
    expect(await session.resume()).toBeNull();
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(session.snapshot()).toEqual({ status: "unknown", accessToken: null, problem: { code: "RATE_LIMITED", retryAt: null } });
    // The next load asks again rather than taking the person for signed out.
    expect(localStorage.getItem("vcoffee.maybeSignedIn")).toBe("1");
  });

  it("ends only on a 401, at once", async () => {
    const { session, calls, waits } = harness(token("t1"), unauthenticated());
    await session.refresh();
    expect(await session.refresh()).toBeNull();
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([]);
    expect(session.snapshot()).toEqual({ status: "expired", accessToken: null, problem: null });
    expect(localStorage.getItem("vcoffee.maybeSignedIn")).toBeNull();
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-11-30T09:00:00Z");
    expect(retryAfterOf("7", now)).toBe(7);
    expect(retryAfterOf("Mon, 30 Nov 2026 09:00:12 GMT", now)).toBe(12);
    expect(retryAfterOf("soon", now)).toBeNull();
    expect(retryAfterOf(null, now)).toBeNull();
  });
});
