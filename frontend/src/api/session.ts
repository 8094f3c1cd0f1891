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

  /** On load: renews the session when this browser may have one, else is signed out at once. */
  resume(): Promise<string | null> {
    const hinted = storageGet(() => localStorage, MAYBE_SIGNED_IN) !== null || storageGet(() => sessionStorage, SIGNING_IN) !== null;
    if (hinted) return this.refresh();
    this.set({ status: "signed-out", accessToken: null });
    return Promise.resolve(null);
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
    storageSet(() => localStorage, MAYBE_SIGNED_IN, next.status === "signed-in" ? "1" : null);
    if (next.status !== "unknown") storageSet(() => sessionStorage, SIGNING_IN, null);
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
