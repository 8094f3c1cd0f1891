/** An API error shown as an alert whose header names what kind of problem it is. */

import Alert from "@cloudscape-design/components/alert";
import type { CombinedError } from "urql";

import { toProblem, type ApiProblem } from "../api/errors";

export interface ErrorAlertProps {
  error: CombinedError | ApiProblem | undefined | null;
  onDismiss?: () => void;
}

function isProblem(value: CombinedError | ApiProblem): value is ApiProblem {
  return "title" in value && "code" in value && !("graphQLErrors" in value);
}

export default function ErrorAlert({ error, onDismiss }: ErrorAlertProps) {
  if (!error) return null;
  const problem = isProblem(error) ? error : toProblem(error);
  return (
    <Alert
      type="error"
      header={problem.title}
      dismissible={onDismiss !== undefined}
      onDismiss={onDismiss}
      data-error-code={problem.code}
    >
      <span data-testid="error-code" hidden>
        {problem.code}
      </span>
      {problem.message}
    </Alert>
  );
}
