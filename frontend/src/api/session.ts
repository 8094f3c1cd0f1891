/** The signed-in person's access token: held in memory, renewed through the refresh cookie. */

import type { ErrorCode } from "./errors";

export type SessionStatus = "unknown" | "signed-in" | "signed-out" | "expired";

/** Why renewing failed for now, though the session has not ended (only a 401 ends it). */
export interface SessionProblem {
  code: Extract<ErrorCode, "RATE_LIMITED" | "SERVICE_UNAVAILABLE" | "NETWORK" | "INTERNAL">;
  /** When the session asks again by itself (ms since the epoch); null once it has stopped. */
  retryAt: number | null;
}

export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
  problem: SessionProblem | null;
}

/** What one call to /auth/refresh answered. */
type Answer =
  | { kind: "token"; token: string }
  | { kind: "ended" }
  | { kind: "transient"; code: SessionProblem["code"]; retryAfterSeconds: number | null };

interface RefreshResponse {
  access_token?: string;
  accessToken?: string;
}

type Listener = () => void;

// Cookie-authenticated calls must look same-site to the API's CSRF check: JSON plus its header.
const COOKIE_REQUEST_HEADERS = { Accept: "application/json", "Content-Type": "application/json", "X-Vcoffee-Csrf": "1" };

// Whether this browser may hold a refresh cookie, which is httpOnly and so unreadable here: set
// once a sign-in or renewal succeeds, or while a sign-in is under way at the provider. Without it,
// loading the app asks nothing of the API, and a signed-out visit logs no refused request.
const MAYBE_SIGNED_IN = "vcoffee.maybeSignedIn";
const SIGNING_IN = "vcoffee.signingIn";

function storageGet(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return "unknown";
  }
}

function storageSet(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Without storage the app simply asks the API each time.
  }
}

/** Called as the person leaves for their sign-in provider. */
export function markSigningIn(): void {
  storageSet(() => sessionStorage, SIGNING_IN, "1");
}

// A token this close to its expiry is renewed before use rather than sent and refused.
const EXPIRY_MARGIN_SECONDS = 30;

// Asking for a token: at most this many calls in a row, the waits between them bounded. A
// Retry-After beyond the bound is not waited out: the person is told and may try again.
export const REFRESH_ATTEMPTS = 3;
export const MAX_RETRY_WAIT_MS = 30_000;
const BACKOFF_MS = [1_000, 4_000];

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Session {
  private state: SessionState = { status: "unknown", accessToken: null, problem: null };
  private readonly listeners = new Set<Listener>();
  private inFlight: Promise<string | null> | null = null;

  constructor(
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly sleep: (ms: number) => Promise<void> = sleepFor,
  ) {}

  snapshot = (): SessionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  token(): string | null {
    return this.state.accessToken;
  }

  /**
   * Asks the API for a new access token; concurrent callers share one request. When the API
   * cannot answer for now, the current token (if any) is returned and `problem` says why.
   */
  refresh(): Promise<string | null> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** On load: renews the session when this browser may have one, else is signed out at once. */
  resume(): Promise<string | null> {
    const hinted = storageGet(() => localStorage, MAYBE_SIGNED_IN) !== null || storageGet(() => sessionStorage, SIGNING_IN) !== null;
    if (hinted) return this.refresh();
    this.set({ status: "signed-out", accessToken: null, problem: null });
    return Promise.resolve(null);
  }

  /** The current token, renewed first when it is about to expire. */
  async freshToken(): Promise<string | null> {
    const token = this.state.accessToken;
    if (token !== null && !expiresSoon(token)) return token;
    return this.refresh();
  }

  /**
   * Called when a request stays unauthenticated after a refresh: the person must sign in again.
   * Not while that refresh got no answer (`problem`): the session has not ended then.
   */
  expire(): void {
    if (this.state.problem !== null) return;
    this.end();
  }

  async signOut(): Promise<void> {
    try {
      await this.fetchImpl("/auth/logout", { method: "POST", credentials: "same-origin", headers: COOKIE_REQUEST_HEADERS, body: "{}" });
    } finally {
      this.set({ status: "signed-out", accessToken: null, problem: null });
    }
  }

  private end(): void {
    this.set({ status: this.state.status === "signed-in" ? "expired" : "signed-out", accessToken: null, problem: null });
  }

  private async requestToken(): Promise<string | null> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.ask();
      if (answer.kind === "token") {
        this.set({ status: "signed-in", accessToken: answer.token, problem: null });
        return answer.token;
      }
      if (answer.kind === "ended") {
        this.end();
        return null;
      }
      const wait = attempt < REFRESH_ATTEMPTS ? retryWait(answer.retryAfterSeconds, attempt) : null;
      this.set({ ...this.state, problem: { code: answer.code, retryAt: wait === null ? null : Date.now() + wait } });
      if (wait === null) return this.state.accessToken;
      await this.sleep(wait);
    }
  }

  private async ask(): Promise<Answer> {
    let response: Response;
    try {
      response = await this.fetchImpl("/auth/refresh", {
        method: "POST",
        credentials: "same-origin",
        headers: COOKIE_REQUEST_HEADERS,
        body: "{}",
      });
    } catch {
      return { kind: "transient", code: "NETWORK", retryAfterSeconds: null };
    }
    if (response.status === 401) return { kind: "ended" };
    if (response.status === 429) {
      return { kind: "transient", code: "RATE_LIMITED", retryAfterSeconds: retryAfterOf(response.headers.get("Retry-After")) };
    }
    if (!response.ok) {
      const code = response.status >= 500 ? "SERVICE_UNAVAILABLE" : "INTERNAL";
      return { kind: "transient", code, retryAfterSeconds: retryAfterOf(response.headers.get("Retry-After")) };
    }
    try {
      const body = (await response.json()) as RefreshResponse;
      const token = body.access_token ?? body.accessToken ?? null;
      return token === null ? { kind: "transient", code: "INTERNAL", retryAfterSeconds: null } : { kind: "token", token };
    } catch {
      return { kind: "transient", code: "INTERNAL", retryAfterSeconds: null };
    }
  }

  private set(next: SessionState): void {
    this.state = next;
    // Undecided (a renewal that got no answer) keeps the hint: the next load asks again.
    if (next.status !== "unknown") {
      storageSet(() => localStorage, MAYBE_SIGNED_IN, next.status === "signed-in" ? "1" : null);
      storageSet(() => sessionStorage, SIGNING_IN, null);
    }
    for (const listener of this.listeners) listener();
  }
}

/** Retry-After in seconds, from either of its forms (seconds, or an HTTP date). */
export function retryAfterOf(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}

/** How long to wait before asking again, or null when the wait would exceed the bound. */
function retryWait(retryAfterSeconds: number | null, attempt: number): number | null {
  if (retryAfterSeconds === null) return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1] ?? null;
  const wait = Math.max(retryAfterSeconds * 1000, 250);
  return wait <= MAX_RETRY_WAIT_MS ? wait : null;
}

function expiresSoon(token: string): boolean {
  const payload = token.split(".")[1];
  if (payload === undefined) return false;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    if (typeof claims.exp !== "number") return false;
    return claims.exp - Date.now() / 1000 < EXPIRY_MARGIN_SECONDS;
  } catch {
    return false;
  }
}
