/** The signed-in person's access token: held in memory, renewed through the refresh cookie. */

export type SessionStatus = "unknown" | "signed-in" | "signed-out" | "expired";

export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
}

interface RefreshResponse {
  access_token?: string;
  accessToken?: string;
}

type Listener = () => void;

// Cookie-authenticated calls must look same-site to the API's CSRF check: JSON plus its header.
const COOKIE_REQUEST_HEADERS = { Accept: "application/json", "Content-Type": "application/json", "X-Vcoffee-Csrf": "1" };

// A token this close to its expiry is renewed before use rather than sent and refused.
const EXPIRY_MARGIN_SECONDS = 30;

export class Session {
  private state: SessionState = { status: "unknown", accessToken: null };
  private readonly listeners = new Set<Listener>();
  private inFlight: Promise<string | null> | null = null;

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  snapshot = (): SessionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  token(): string | null {
    return this.state.accessToken;
  }

  /** Asks the API for a new access token; concurrent callers share one request. */
  refresh(): Promise<string | null> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The current token, renewed first when it is about to expire. */
  async freshToken(): Promise<string | null> {
    const token = this.state.accessToken;
    if (token !== null && !expiresSoon(token)) return token;
    return this.refresh();
  }

  /** Called when a request stays unauthenticated after a refresh: the person must sign in again. */
  expire(): void {
    this.set({ status: this.state.status === "signed-in" ? "expired" : "signed-out", accessToken: null });
  }

  async signOut(): Promise<void> {
    try {
      await this.fetchImpl("/auth/logout", { method: "POST", credentials: "same-origin", headers: COOKIE_REQUEST_HEADERS, body: "{}" });
    } finally {
      this.set({ status: "signed-out", accessToken: null });
    }
  }

  private async requestToken(): Promise<string | null> {
    let token: string | null = null;
    try {
      const response = await this.fetchImpl("/auth/refresh", {
        method: "POST",
        credentials: "same-origin",
        headers: COOKIE_REQUEST_HEADERS,
        body: "{}",
      });
      if (response.ok) {
        const body = (await response.json()) as RefreshResponse;
        token = body.access_token ?? body.accessToken ?? null;
      }
    } catch {
      token = null;
    }
    if (token === null) {
      this.expire();
    } else {
      this.set({ status: "signed-in", accessToken: token });
    }
    return token;
  }

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
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
