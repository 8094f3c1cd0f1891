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

// Why the API refused a sign-in: `auth_reason` names the field at fault. Only these fixed texts
// are shown, never text from the address, which anyone could write.
const REFUSALS: Record<string, { title: string; message: string }> = {
  "FORBIDDEN:email": {
    title: "Your sign-in provider shared no email address",
    message: "Virtual Coffee needs your email address to introduce you. Allow the provider to share it, or use another sign-in.",
  },
  "FORBIDDEN:email_verified": {
    title: "Your email address is not verified",
    message: "This deployment accepts only verified email addresses. Verify it with your sign-in provider, then sign in again.",
  },
  "FORBIDDEN:email_domain": {
    title: "Your email domain is not allowed here",
    message: "This deployment accepts only email addresses of its own organisation. Sign in with your work account.",
  },
  FORBIDDEN: {
    title: "Your account is deactivated",
    message: "An administrator deactivated this account. Ask them to reactivate it.",
  },
  "BAD_USER_INPUT:email": {
    title: "Your sign-in provider shared an unusable email address or name",
    message: "Check the email address and name at your sign-in provider, or use another sign-in.",
  },
  "BAD_USER_INPUT:state": {
    title: "The sign-in was interrupted",
    message: "It was started in another tab or took too long. Start it again.",
  },
  "ALREADY_EXISTS:email": {
    title: "This email address signs in another way",
    message: "A person with this email address already uses another sign-in. Use that one.",
  },
};

/** What a refused sign-in (`/?auth_error=CODE&auth_reason=FIELD` from the callback) means for the person. */
export function signInRefusal(code: string, reason: string | null = null): ApiProblem {
  const known = REFUSALS[reason ? `${code}:${reason}` : code];
  if (known) return { ...problemFromCode(code === "ALREADY_EXISTS" ? "ALREADY_EXISTS" : code === "FORBIDDEN" ? "FORBIDDEN" : "BAD_USER_INPUT", known.message), title: known.title };
  if (code === "SERVICE_UNAVAILABLE") return problemFromCode("SERVICE_UNAVAILABLE", "The sign-in provider does not answer. Try again in a minute.");
  return { ...problemFromCode("UNAUTHENTICATED", "The sign-in provider's answer could not be checked. Start the sign-in again."), title: "Sign-in did not complete" };
}

export function loginHref(provider: Provider): string {
  return `/auth/login/${encodeURIComponent(provider.name)}`;
}
