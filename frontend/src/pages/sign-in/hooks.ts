/** The sign-in providers this deployment offers, from GET /auth/providers. */

import { useEffect, useState } from "react";

import { problemFromCode, type ApiProblem } from "../../api/errors";

export interface Provider {
  name: string;
  label: string;
}

export interface ProvidersState {
  providers: Provider[] | null;
  problem: ApiProblem | null;
}

function isProvider(value: unknown): value is Provider {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === "string" && typeof record.label === "string";
}

export function useProviders(): ProvidersState {
  const [state, setState] = useState<ProvidersState>({ providers: null, problem: null });
  useEffect(() => {
    const controller = new AbortController();
    fetch("/auth/providers", { headers: { Accept: "application/json" }, signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) {
          setState({ providers: [], problem: problemFromCode(response.status >= 500 ? "SERVICE_UNAVAILABLE" : "INTERNAL") });
          return;
        }
        const body: unknown = await response.json();
        const list = Array.isArray(body) ? body : [];
        setState({ providers: list.filter(isProvider), problem: null });
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        setState({ providers: [], problem: problemFromCode("NETWORK") });
      });
    return () => controller.abort();
  }, []);
  return state;
}

/** What a refused sign-in (`/?auth_error=CODE` from the callback) means for the person. */
export function signInRefusal(code: string): ApiProblem {
  if (code === "FORBIDDEN") {
    return problemFromCode("FORBIDDEN", "This account may not sign in here: it is deactivated, or its email domain is not allowed in this deployment.");
  }
  if (code === "SERVICE_UNAVAILABLE") return problemFromCode("SERVICE_UNAVAILABLE");
  return problemFromCode("UNAUTHENTICATED", "Sign-in did not complete. Try again.");
}

export function loginHref(provider: Provider): string {
  return `/auth/login/${encodeURIComponent(provider.name)}`;
}
