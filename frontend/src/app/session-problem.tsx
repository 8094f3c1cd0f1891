/** A renewal of the session that got no answer for now (429, 5xx, no network): said, with a way to try again. */

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import Flashbar from "@cloudscape-design/components/flashbar";

import { problemFromCode } from "../api/errors";
import type { SessionProblem } from "../api/session";
import { useSession, useSessionState } from "../api/session-context";

const HEADER = "Your session could not be renewed just now";

function explanation(problem: SessionProblem): string {
  const reason = problemFromCode(problem.code).message;
  const next = problem.retryAt === null ? "You are not signed out." : "You are not signed out; trying again in a moment.";
  return `${reason} ${next}`;
}

function useTryAgain(onRenewed?: () => void): () => void {
  const session = useSession();
  return () => {
    void session.refresh().then(() => {
      if (session.snapshot().problem === null) onRenewed?.();
    });
  };
}

/** In place of a page that cannot be shown without a session. */
export function SessionProblemAlert({ problem, onRenewed }: { problem: SessionProblem; onRenewed?: () => void }) {
  const tryAgain = useTryAgain(onRenewed);
  return (
    <Alert
      type="error"
      header={HEADER}
      data-testid="session-problem"
      action={
        problem.retryAt === null ? (
          <Button onClick={tryAgain} data-testid="session-try-again">
            Try again
          </Button>
        ) : undefined
      }
    >
      {explanation(problem)}
    </Alert>
  );
}

/** Above a signed-in page, which stays as it is meanwhile. */
export function SessionProblemFlash() {
  const { problem } = useSessionState();
  const tryAgain = useTryAgain();
  if (problem === null) return null;
  return (
    <Flashbar
      data-testid="session-problem"
      items={[
        {
          type: "warning",
          header: HEADER,
          content: explanation(problem),
          statusIconAriaLabel: "Warning",
          ariaRole: "alert",
          action:
            problem.retryAt === null ? (
              <Button onClick={tryAgain} data-testid="session-try-again">
                Try again
              </Button>
            ) : undefined,
        },
      ]}
    />
  );
}
