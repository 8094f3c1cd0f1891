import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

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
});
