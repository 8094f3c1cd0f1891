import { render, screen } from "@testing-library/react";
import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";

import ErrorAlert from "./error-alert";

function graphQLError(code: string, message: string) {
  return new CombinedError({ graphQLErrors: [{ message, extensions: { code } }] });
}

describe("API error alerts", () => {
  it("titles the alert by the error's code and shows the server's message", () => {
    render(<ErrorAlert error={graphQLError("BAD_USER_INPUT", "meetingLength must be 15 to 120 minutes.")} />);
    expect(screen.getAllByText("Some values need correcting")[0]).toBeVisible();
    expect(screen.getAllByText("meetingLength must be 15 to 120 minutes.")[0]).toBeVisible();
  });

  it("explains a conflict and a permission problem differently", () => {
    const { rerender } = render(<ErrorAlert error={graphQLError("CONFLICT", "Changed by someone else.")} />);
    expect(screen.getAllByText("Changed elsewhere")[0]).toBeVisible();
    rerender(<ErrorAlert error={graphQLError("FORBIDDEN", "Admins only.")} />);
    expect(screen.getAllByText("You are not allowed to do this")[0]).toBeVisible();
  });

  it("hides masked internal messages behind a helpful text", () => {
    render(<ErrorAlert error={graphQLError("INTERNAL", "Unexpected error.")} />);
    expect(screen.getAllByText("Something went wrong")[0]).toBeVisible();
    expect(screen.getAllByText(/Try again; if it persists, tell an administrator/)[0]).toBeVisible();
  });

  it("reports an unreachable server as a network problem", () => {
    render(<ErrorAlert error={new CombinedError({ networkError: new TypeError("Failed to fetch") })} />);
    expect(screen.getAllByText("Cannot reach the server")[0]).toBeVisible();
  });
});
