import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { UndeliverableEntryFragment } from "../../gql/graphql";
import UndeliverableView, { entryKey, roundOf } from "./root";

const ENTRIES: UndeliverableEntryFragment[] = [
  { matchId: "2030-06-03T08:00Z_0002", userId: "u1", attempts: 39, givenUpAt: "2030-06-04T08:00:00+00:00", person: { id: "u1", name: "Ada Lovelace", email: "ada@example.com" } },
  { matchId: "2030-06-03T08:00Z_0005", userId: "u2", attempts: 1, givenUpAt: "2030-06-03T08:01:00+00:00", person: null },
];

function view(overrides: Partial<Parameters<typeof UndeliverableView>[0]> = {}) {
  const props = {
    items: ENTRIES,
    timeZone: "UTC",
    hasMore: false,
    loading: false,
    busy: false,
    queued: new Set<string>(),
    onResend: vi.fn(),
    onLoadMore: vi.fn(),
    onReload: vi.fn(),
    ...overrides,
  };
  render(<UndeliverableView {...props} />);
  return props;
}

describe("undelivered notifications", () => {
  it("lists each member with their round and tries, and sends again on request", async () => {
    const props = view();
    const table = screen.getByRole("table", { name: "Undelivered notifications" });
    const ada = within(table).getByText("Ada Lovelace").closest("tr");
    expect(ada).not.toBeNull();
    expect(ada?.textContent).toContain("2030-06-03");
    expect(ada?.textContent).toContain("39");
    await userEvent.click(screen.getByRole("button", { name: "Send again to Ada Lovelace" }));
    expect(props.onResend).toHaveBeenCalledWith(ENTRIES[0]);
  });

  it("offers nothing to send to a deleted person, and marks what was sent again", () => {
    view({ queued: new Set([entryKey(ENTRIES[0]!)]) });
    expect(screen.getByText("Deleted person")).toBeDefined();
    expect(screen.getByRole("button", { name: "Send again to deleted person" })).toHaveProperty("disabled", true);
    expect(screen.queryByRole("button", { name: "Send again to Ada Lovelace" })).toBeNull();
    expect(screen.getByText("Sending again")).toBeDefined();
  });

  it("says when everyone was reached", () => {
    view({ items: [] });
    expect(screen.getByText("Everyone was told")).toBeDefined();
  });

  it("names the round of a match id", () => {
    expect(roundOf("2030-06-03T08:00Z_0002")).toBe("2030-06-03");
  });
});
