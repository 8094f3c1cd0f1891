import createWrapper from "@cloudscape-design/components/test-utils/dom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import SentMailView, { type CaughtMessage } from "./root";

const MESSAGES: CaughtMessage[] = [
  { id: "2", sender: "coffee@example.com", to: ["grace@example.com"], subject: "Reminder", sentAt: "2026-03-03T09:00:00+00:00", text: "Say hello to Ada." },
  { id: "1", sender: "coffee@example.com", to: ["ada@example.com"], subject: "Your coffee match", sentAt: "2026-03-02T09:00:00+00:00", text: "You meet Grace this week." },
];

describe("sent mail", () => {
  it("lists the messages in the order given and shows the text of the one picked", async () => {
    const { container } = render(<SentMailView messages={MESSAGES} timeZone="UTC" loading={false} onReload={vi.fn()} />);
    const table = createWrapper(container).findTable()!;
    expect(table.findRows().map((row) => row.getElement().textContent)).toEqual([
      expect.stringContaining("Reminder"),
      expect.stringContaining("Your coffee match"),
    ]);
    expect(screen.queryByTestId("caught-mail-text")).toBeNull();
    await userEvent.click(screen.getByRole("radio", { name: "Show Your coffee match to ada@example.com" }));
    expect(screen.getByTestId("caught-mail-text")).toHaveTextContent("You meet Grace this week.");
  });

  it("says so when nothing was caught", () => {
    render(<SentMailView messages={[]} timeZone="UTC" loading={false} onReload={vi.fn()} />);
    expect(screen.getByText("No mail caught")).toBeVisible();
  });
});
