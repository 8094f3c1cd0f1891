import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { signInRefusal } from "./hooks";
import SignInView from "./root";

describe("sign-in page", () => {
  it("offers one button per configured provider, each leading to its login route", () => {
    render(
      <SignInView
        providers={[
          { name: "corp", label: "Corporate SSO" },
          { name: "google", label: "Google" },
        ]}
        problem={null}
        expired={false}
        onChoose={vi.fn()}
      />,
    );
    expect(screen.getByRole("link", { name: "Sign in with Corporate SSO" })).toHaveAttribute("href", "/auth/login/corp");
    expect(screen.getByRole("link", { name: "Sign in with Google" })).toHaveAttribute("href", "/auth/login/google");
  });

  it("tells a person whose session ended that their typing is kept", () => {
    render(<SignInView providers={[{ name: "corp", label: "SSO" }]} problem={null} expired onChoose={vi.fn()} />);
    expect(screen.getAllByText(/What you typed has been kept/)[0]).toBeVisible();
  });

  it("says when no provider is configured", () => {
    render(<SignInView providers={[]} problem={null} expired={false} onChoose={vi.fn()} />);
    expect(screen.getAllByText("No sign-in option is configured")[0]).toBeVisible();
  });

  it("gives a refused sign-in its real reason, not an ended session", () => {
    render(<SignInView providers={[{ name: "corp", label: "SSO" }]} problem={signInRefusal("FORBIDDEN", "email")} expired onChoose={vi.fn()} />);
    expect(screen.getAllByText("Your sign-in provider shared no email address")[0]).toBeVisible();
    expect(screen.queryByText("Your session has ended")).toBeNull();
  });

  it("names each refusal the API reports", () => {
    expect(signInRefusal("FORBIDDEN", "email_domain").title).toBe("Your email domain is not allowed here");
    expect(signInRefusal("FORBIDDEN", "email_verified").title).toBe("Your email address is not verified");
    expect(signInRefusal("FORBIDDEN", null).title).toBe("Your account is deactivated");
    expect(signInRefusal("BAD_USER_INPUT", "state").title).toBe("The sign-in was interrupted");
    // An unknown reason in the address shows a fixed text, never the address's own.
    expect(signInRefusal("FORBIDDEN", "<b>pay here</b>").message).not.toContain("pay here");
  });
});
