import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { rememberReturnTo, takeReturnTo, useDraft } from "./drafts";

function Field({ saved }: { saved: string }) {
  const draft = useDraft<string>("bio", saved);
  return (
    <label>
      Bio
      <input value={draft.value ?? ""} onChange={(event) => draft.setValue(event.target.value)} />
      {draft.edited && <button onClick={draft.discard}>Discard</button>}
    </label>
  );
}

describe("drafts", () => {
  it("keep what was typed across a trip to the sign-in page", async () => {
    const first = render(<Field saved="Saved bio" />);
    await userEvent.clear(screen.getByLabelText("Bio"));
    await userEvent.type(screen.getByLabelText("Bio"), "Half-typed thought");
    first.unmount();
    render(<Field saved="Saved bio" />);
    expect(screen.getByLabelText("Bio")).toHaveValue("Half-typed thought");
    await userEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(screen.getByLabelText("Bio")).toHaveValue("Saved bio");
  });

  it("return only to paths on this site", () => {
    rememberReturnTo("//evil.example/x");
    expect(takeReturnTo()).toBeNull();
    rememberReturnTo("/profile");
    expect(takeReturnTo()).toBe("/profile");
    expect(takeReturnTo()).toBeNull();
  });
});
