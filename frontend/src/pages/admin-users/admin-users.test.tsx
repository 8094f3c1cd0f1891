import createWrapper from "@cloudscape-design/components/test-utils/dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { AdminUserFragment } from "../../gql/graphql";
import AdminUsersView, { SELF_DEACTIVATION } from "./root";

const USERS: AdminUserFragment[] = [
  { id: "1", name: "Ada Lovelace", email: "ada@example.com", role: "MEMBER", status: "ACTIVE", pausedUntil: null, createdAt: "2026-11-01T00:00:00+00:00" },
  { id: "2", name: "Grace Hopper", email: "grace@example.com", role: "MEMBER", status: "PAUSED", pausedUntil: "2026-12-24", createdAt: "2026-11-02T00:00:00+00:00" },
  { id: "3", name: "Alan Turing", email: "alan@example.com", role: "ADMIN", status: "DEACTIVATED", pausedUntil: null, createdAt: "2026-11-03T00:00:00+00:00" },
];

function view(overrides: Partial<Parameters<typeof AdminUsersView>[0]> = {}) {
  const props = {
    users: USERS,
    viewerId: "9",
    busy: false,
    onDeactivate: vi.fn(async () => true),
    onReactivate: vi.fn(async () => true),
    onPause: vi.fn(async () => true),
    onResume: vi.fn(async () => true),
    onReload: vi.fn(),
    today: "2026-11-27",
    ...overrides,
  };
  render(<AdminUsersView {...props} />);
  return props;
}

describe("admin users", () => {
  it("deactivates someone only after confirming", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("button", { name: "Deactivate Ada Lovelace" }));
    const dialog = within(screen.getByRole("dialog", { name: "Deactivate Ada Lovelace?" }));
    expect(props.onDeactivate).not.toHaveBeenCalled();
    await userEvent.click(dialog.getByRole("button", { name: "Deactivate" }));
    expect(props.onDeactivate).toHaveBeenCalledWith(USERS[0]);
  });

  it("does not offer an admin to deactivate themself, and says why", async () => {
    const props = view({ viewerId: "1" });
    const own = screen.getByRole("button", { name: "Deactivate Ada Lovelace" });
    expect(own).toHaveAttribute("aria-disabled", "true");
    expect(own).toHaveAccessibleDescription(SELF_DEACTIVATION);
    await userEvent.click(own);
    expect(screen.queryByRole("dialog", { name: "Deactivate Ada Lovelace?" })).toBeNull();
    expect(props.onDeactivate).not.toHaveBeenCalled();
    // Everyone else's row still offers it.
    expect(screen.getByRole("button", { name: "Deactivate Grace Hopper" })).not.toHaveAttribute("aria-disabled");
  });

  it("pauses someone until resumed only after confirming", async () => {
    const props = view();
    expect(screen.queryByRole("button", { name: "Pause Grace Hopper" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Pause Ada Lovelace" }));
    const dialog = within(screen.getByRole("dialog", { name: "Pause Ada Lovelace?" }));
    expect(props.onPause).not.toHaveBeenCalled();
    await userEvent.click(dialog.getByRole("button", { name: "Pause" }));
    expect(props.onPause).toHaveBeenCalledWith(USERS[0], null);
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Pause Ada Lovelace?" })).toBeNull());
  });

  it("pauses someone through a date, refusing a day in the past", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("button", { name: "Pause Ada Lovelace" }));
    const dialog = within(screen.getByRole("dialog", { name: "Pause Ada Lovelace?" }));
    await userEvent.click(dialog.getByRole("radio", { name: /Until a date/ }));
    const day = dialog.getByLabelText("Last paused day");
    await userEvent.type(day, "2026/11/20");
    await userEvent.click(dialog.getByRole("button", { name: "Pause" }));
    expect(props.onPause).not.toHaveBeenCalled();
    expect(dialog.getAllByText("Choose today or a later day.")[0]).toBeVisible();
    await userEvent.clear(day);
    await userEvent.type(day, "2026/12/24");
    await userEvent.click(dialog.getByRole("button", { name: "Pause" }));
    expect(props.onPause).toHaveBeenCalledWith(USERS[0], "2026-12-24");
  });

  it("keeps the dialog open with the API's error when pausing fails", async () => {
    view({ onPause: vi.fn(async () => false) });
    await userEvent.click(screen.getByRole("button", { name: "Pause Ada Lovelace" }));
    const dialog = within(screen.getByRole("dialog", { name: "Pause Ada Lovelace?" }));
    await userEvent.click(dialog.getByRole("button", { name: "Pause" }));
    expect(screen.getByRole("dialog", { name: "Pause Ada Lovelace?" })).toBeVisible();
  });

  it("resumes a paused person directly", async () => {
    const props = view();
    expect(screen.queryByRole("button", { name: "Resume Ada Lovelace" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Resume Grace Hopper" }));
    expect(props.onResume).toHaveBeenCalledWith(USERS[1]);
  });

  it("reactivates a deactivated person directly", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("button", { name: "Reactivate Alan Turing" }));
    expect(props.onReactivate).toHaveBeenCalledWith(USERS[2]);
  });

  it("filters by status and by text", () => {
    view();
    const wrapper = createWrapper(document.body);
    const table = wrapper.findTable();
    expect(table?.findRows()).toHaveLength(3);
    expect(screen.getByText("Paused through Thu, 24 Dec 2026")).toBeInTheDocument();
    const status = wrapper.findSelect();
    act(() => status?.openDropdown());
    act(() => status?.selectOptionByValue("PAUSED"));
    expect(table?.findRows()).toHaveLength(1);
    expect(table?.findBodyCell(1, 1)?.getElement()).toHaveTextContent("Grace Hopper");
    act(() => status?.openDropdown());
    act(() => status?.selectOptionByValue(""));
    act(() => wrapper.findTextFilter()?.findInput().setInputValue("alan@"));
    expect(table?.findRows()).toHaveLength(1);
    expect(table?.findBodyCell(1, 1)?.getElement()).toHaveTextContent("Alan Turing");
  });
});
