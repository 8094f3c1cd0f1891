import createWrapper from "@cloudscape-design/components/test-utils/dom";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { HistoryMatchFragment } from "../../gql/graphql";
import FeedbackModal, { type FeedbackValues } from "./feedback-form";
import HistoryTable, { toRows } from "./root";

const EMPTY: FeedbackValues = { outcome: null, rating: null, comment: "" };

function dialog() {
  return within(screen.getByRole("dialog", { name: "Did you meet Grace?" }));
}

describe("feedback form", () => {
  it("requires an answer to 'did you meet?'", async () => {
    const onSubmit = vi.fn();
    render(<FeedbackModal visible withWhom="Grace" initial={EMPTY} submitting={false} onDismiss={vi.fn()} onSubmit={onSubmit} />);
    await userEvent.click(dialog().getByRole("button", { name: "Send feedback" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(dialog().getAllByText("Tell us whether you met.")[0]).toBeVisible();
  });

  it("rates only a meeting that happened", async () => {
    const onSubmit = vi.fn();
    render(<FeedbackModal visible withWhom="Grace" initial={EMPTY} submitting={false} onDismiss={vi.fn()} onSubmit={onSubmit} />);
    const rating = createWrapper(document.body).findModal()?.findContent().findSelect();
    expect(rating?.isDisabled()).toBe(true);
    await userEvent.click(dialog().getByRole("radio", { name: "Yes, we met" }));
    expect(rating?.isDisabled()).toBe(false);
    act(() => rating?.openDropdown());
    act(() => rating?.selectOptionByValue("5"));
    await userEvent.type(dialog().getByLabelText(/Comment/), "  Lovely chat ");
    await userEvent.click(dialog().getByRole("button", { name: "Send feedback" }));
    expect(onSubmit).toHaveBeenCalledWith({ outcome: "MET", rating: 5, comment: "Lovely chat" });
  });

  it("refuses a comment over 2000 characters", async () => {
    const onSubmit = vi.fn();
    render(<FeedbackModal visible withWhom="Grace" initial={{ outcome: "DID_NOT_MEET", rating: null, comment: "y".repeat(2001) }} submitting={false} onDismiss={vi.fn()} onSubmit={onSubmit} />);
    await userEvent.click(dialog().getByRole("button", { name: "Send feedback" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(dialog().getAllByText("Use at most 2000 characters (now 2001).")[0]).toBeVisible();
  });
});

function match(id: string, date: string, other: string, team: string | null, met: boolean): HistoryMatchFragment {
  return {
    id,
    slot: date,
    scheduledDate: date,
    status: met ? "MET" : "SCHEDULED",
    participants: [
      { id: "me", name: "Ada", email: "ada@example.com", team: null },
      { id: `p-${id}`, name: other, email: `${other.toLowerCase()}@example.com`, team },
    ],
    suggestedTime: null,
    myFeedback: met ? { matchId: id, outcome: "MET", rating: 4, comment: null, submittedAt: `${date}T12:00:00+00:00` } : null,
  };
}

const MATCHES = Array.from({ length: 12 }, (_, i) =>
  match(`m${i}`, `2026-${String(i + 1).padStart(2, "0")}-05`, ["Grace", "Alan", "Barbara", "Edsger"][i % 4] ?? "X", i % 2 ? "Platform" : null, i % 3 === 0),
);

describe("history table", () => {
  it("shows the newest match first, ten to a page", () => {
    render(<HistoryTable rows={toRows(MATCHES, "me", "UTC")} onFeedback={vi.fn()} onReload={vi.fn()} />);
    const table = createWrapper(document.body).findTable();
    expect(table?.findRows()).toHaveLength(10);
    expect(table?.findBodyCell(1, 1)?.getElement()).toHaveTextContent("Sat, 5 Dec 2026");
    expect(table?.findBodyCell(1, 2)?.getElement()).toHaveTextContent("Edsger");
    act(() => createWrapper(document.body).findPagination()?.findNextPageButton().click());
    expect(table?.findRows()).toHaveLength(2);
  });

  it("filters by name and sorts by the other person", () => {
    render(<HistoryTable rows={toRows(MATCHES, "me", "UTC")} onFeedback={vi.fn()} onReload={vi.fn()} />);
    const wrapper = createWrapper(document.body);
    act(() => wrapper.findTextFilter()?.findInput().setInputValue("grace"));
    const table = wrapper.findTable();
    expect(table?.findRows()).toHaveLength(3);
    expect(wrapper.findTextFilter()?.findResultsCount().getElement()).toHaveTextContent("3 matches");
    act(() => wrapper.findTextFilter()?.findInput().setInputValue(""));
    act(() => table?.findColumnSortingArea(2)?.click());
    expect(table?.findBodyCell(1, 2)?.getElement()).toHaveTextContent("Alan");
  });

  it("shows whether I answered, and opens feedback for a row", async () => {
    const onFeedback = vi.fn();
    render(<HistoryTable rows={toRows(MATCHES.slice(0, 2), "me", "UTC")} onFeedback={onFeedback} onReload={vi.fn()} />);
    expect(screen.getByText("Yes, we met")).toBeInTheDocument();
    expect(screen.getByText("No answer yet")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /^Did you meet\? Alan/ }));
    expect(onFeedback).toHaveBeenCalledWith(expect.objectContaining({ id: "m1", withWhom: "Alan" }));
  });

  it("says so when there is no match yet", () => {
    render(<HistoryTable rows={[]} onFeedback={vi.fn()} onReload={vi.fn()} />);
    expect(screen.getByText("No matches yet")).toBeInTheDocument();
  });
});
