/** Route guards: a session, a joined person, an admin; each sends the person where they belong. */

import { Suspense, useEffect } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useQuery } from "urql";

import { rememberReturnTo, takeReturnTo } from "../api/drafts";
import { isAuthError } from "../api/client";
import { useSession, useSessionState } from "../api/session-context";
import ErrorAlert from "../components/error-alert";
import Loading from "../components/loading";
import { ViewerContext, ViewerDocument, useViewer } from "./viewer";
import Forbidden from "./forbidden";
import { SessionProblemAlert } from "./session-problem";

function Centered({ children }: { children: React.ReactNode }) {
  return <div style={{ maxWidth: 640, margin: "80px auto", padding: "0 16px" }}>{children}</div>;
}

/** Signed-in routes: renews the session on load, or sends the person to sign in and back. */
export function RequireSession() {
  const session = useSession();
  const { status, problem } = useSessionState();
  const location = useLocation();
  const navigate = useNavigate();

  // The API sends a refused sign-in back to /?auth_error=CODE: there is no session to renew.
  const refused = new URLSearchParams(location.search).has("auth_error");
  useEffect(() => {
    if (status !== "unknown") return;
    if (refused) session.expire();
    else void session.resume();
  }, [status, session, refused]);

  useEffect(() => {
    if (status !== "signed-in") return;
    const back = takeReturnTo();
    // Sign-in comes back to /; any other address was asked for directly and wins.
    if (back !== null && location.pathname === "/" && back !== "/") navigate(back, { replace: true });
    // Only once, right after the session is established.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);

  if (status === "unknown") {
    if (problem === null) return <Loading label="Signing you in" />;
    return (
      <Centered>
        <SessionProblemAlert problem={problem} />
      </Centered>
    );
  }
  if (status === "signed-out" || status === "expired") {
    // The API sends a refused sign-in back to /?auth_error=CODE.
    const query = new URLSearchParams(location.search);
    const authError = query.get("auth_error");
    if (authError !== null) return <Navigate to="/sign-in" replace state={{ authError, authReason: query.get("auth_reason") }} />;
    const from = location.pathname + location.search;
    rememberReturnTo(from);
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  return <ViewerBoundary />;
}

function ViewerBoundary() {
  const session = useSession();
  const { problem } = useSessionState();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ViewerDocument });
  useEffect(() => {
    // The retry after a refresh failed too: the session is over (unless the refresh got no answer).
    if (error && isAuthError(error)) session.expire();
  }, [error, session]);
  if (data?.me) {
    return (
      <ViewerContext.Provider value={data.me}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </ViewerContext.Provider>
    );
  }
  if (fetching || !error) return <Loading label="Loading your profile" />;
  if (problem !== null && isAuthError(error)) {
    return (
      <Centered>
        <SessionProblemAlert problem={problem} onRenewed={() => reexecute({ requestPolicy: "network-only" })} />
      </Centered>
    );
  }
  return (
    <Centered>
      <ErrorAlert error={error} />
    </Centered>
  );
}

/** People who have not opted in go to the opt-in step first; deactivated people are told so. */
export function RequireJoined() {
  const viewer = useViewer();
  const location = useLocation();
  // Admins run the deployment whether or not they take part in it themselves.
  const adminPage = viewer.role === "ADMIN" && location.pathname.startsWith("/admin");
  if (viewer.participation.status === "NOT_JOINED" && viewer.role === "ADMIN" && !adminPage) {
    // The admin home offers joining too; an admin is never stuck on the opt-in step.
    return <Navigate to="/admin" replace />;
  }
  if (viewer.participation.status === "NOT_JOINED" && !adminPage) {
    rememberReturnTo(location.pathname + location.search);
    return <Navigate to="/welcome" replace />;
  }
  if (viewer.participation.status === "DEACTIVATED") {
    return (
      <Centered>
        <ErrorAlert
          error={{
            code: "FORBIDDEN",
            title: "Your account is deactivated",
            message: "An administrator deactivated your account. Ask them to reactivate it to take part again.",
            fields: [],
          }}
        />
      </Centered>
    );
  }
  return <Outlet />;
}

export function RequireAdmin() {
  const viewer = useViewer();
  if (viewer.role !== "ADMIN") return <Forbidden />;
  return <Outlet />;
}

/** The sign-in page is for people without a session; a signed-in person goes on to the app. */
export function RedirectWhenSignedIn() {
  const { status, problem } = useSessionState();
  const session = useSession();
  useEffect(() => {
    if (status === "unknown") void session.resume();
  }, [status, session]);
  if (status === "unknown") {
    if (problem === null) return <Loading label="Checking your session" />;
    return (
      <Centered>
        <SessionProblemAlert problem={problem} />
      </Centered>
    );
  }
  if (status === "signed-in") return <Navigate to="/" replace />;
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
