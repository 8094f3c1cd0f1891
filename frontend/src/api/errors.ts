/** API errors by `extensions.code`: what the person is told for each. */

import type { CombinedError } from "urql";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "ALREADY_EXISTS"
  | "SERVICE_UNAVAILABLE"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "NETWORK";

export interface ApiProblem {
  code: ErrorCode;
  title: string;
  message: string;
  fields: string[];
}

const TITLES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Your session has ended",
  FORBIDDEN: "You are not allowed to do this",
  BAD_USER_INPUT: "Some values need correcting",
  NOT_FOUND: "Not found",
  CONFLICT: "Changed elsewhere",
  ALREADY_EXISTS: "Already exists",
  SERVICE_UNAVAILABLE: "Temporarily unavailable",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Something went wrong",
  NETWORK: "Cannot reach the server",
};

const FALLBACK_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Sign in again to continue. What you typed is kept.",
  FORBIDDEN: "This needs an administrator of this deployment.",
  BAD_USER_INPUT: "Check the highlighted values and try again.",
  NOT_FOUND: "It may have been removed. Reload the page to see the current state.",
  CONFLICT: "Someone changed this at the same time. Reload and try again.",
  ALREADY_EXISTS: "This was already done.",
  SERVICE_UNAVAILABLE: "A service the app relies on is not answering. Try again in a minute.",
  RATE_LIMITED: "You sent many requests in a short time. Wait a minute and try again.",
  INTERNAL: "The server could not complete the request. Try again; if it persists, tell an administrator.",
  NETWORK: "Check your connection and try again.",
};

const KNOWN = new Set<string>(Object.keys(TITLES));

function asCode(value: unknown): ErrorCode {
  return typeof value === "string" && KNOWN.has(value) ? (value as ErrorCode) : "INTERNAL";
}

export function problemFromCode(code: ErrorCode, message?: string, fields: string[] = []): ApiProblem {
  return { code, title: TITLES[code], message: message || FALLBACK_MESSAGES[code], fields };
}

/** The first problem in an urql error, by its code. */
export function toProblem(error: CombinedError): ApiProblem {
  const first = error.graphQLErrors[0];
  if (first === undefined) {
    const status = (error.response as Response | undefined)?.status;
    if (status === 401) return problemFromCode("UNAUTHENTICATED");
    if (status === 403) return problemFromCode("FORBIDDEN");
    if (status === 429) return problemFromCode("RATE_LIMITED");
    return problemFromCode("NETWORK");
  }
  const code = asCode(first.extensions?.code);
  const rawFields = first.extensions?.fields;
  const fields = Array.isArray(rawFields) ? rawFields.filter((f): f is string => typeof f === "string") : [];
  // Masked errors carry a generic server text; ours reads better.
  const message = code === "INTERNAL" ? FALLBACK_MESSAGES.INTERNAL : first.message;
  return problemFromCode(code, message, fields);
}

export function hasCode(error: CombinedError | undefined, code: ErrorCode): boolean {
  return error?.graphQLErrors.some((e) => e.extensions?.code === code) ?? false;
}
