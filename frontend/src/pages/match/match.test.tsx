import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { CurrentMatchFragment } from "../../gql/graphql";
import MatchView from "./root";

const MATCH: CurrentMatchFragment = {
  id: "m1",
  slot: "2026-11-30",
  scheduledDate: "2026-11-30",
  status: "SCHEDULED",
  createdAt: "2026-11-30T08:00:00+00:00",
  participants: [
    { id: "me", name: "Ada", email: "ada@example.com", timeZone: "Europe/Berlin", team: null, topics: ["Books"] },
    { id: "g", name: "Grace", email: "grace@example.com", timeZone: "America/New_York", team: "Navy", topics: ["books", "Sailing"] },
  ],
  suggestedTime: { start: "2026-12-01T15:00:00+00:00", end: "2026-12-01T15:30:00+00:00" },
  myFeedback: null,
};

const SCHEDULE = { nextRoundAt: "2026-12-07T08:00:00+00:00", timeZone: "Europe/Berlin" };

function view(match: CurrentMatchFragment | null, extra: { participation?: "ACTIVE" | "PAUSED"; pausedUntil?: string | null; arrivedLive?: boolean } = {}) {
  render(
    <MatchView
      match={match}
      myId="me"
      myTopics={["Books", "Chess"]}
      timeZone="Europe/Berlin"
      participation={extra.participation ?? "ACTIVE"}
      pausedUntil={extra.pausedUntil ?? null}
      schedule={SCHEDULE}
      arrivedLive={extra.arrivedLive ?? false}
      live
      onDownloadIcs={vi.fn()}
      onNavigate={vi.fn()}
    />,
  );
}

describe("current match", () => {
  it("shows who, topics in common and the suggested time in my time zone", () => {
    view(MATCH);
    expect(screen.getByRole("heading", { name: "You meet Grace" })).toBeVisible();
    expect(screen.getAllByText("grace@example.com")[0]).toBeVisible();
    expect(screen.getAllByText("Books")[0]).toBeVisible();
    expect(screen.queryByText("Sailing")).toBeNull();
    expect(screen.getByTestId("suggested-time")).toHaveTextContent("Tuesday, 1 December 2026 at 16:00–16:30");
  });

  it("announces a match that arrived live", () => {
    view(MATCH, { arrivedLive: true });
    expect(screen.getAllByText("You have a new match")[0]).toBeVisible();
  });

  it("explains the empty state, differently when paused", () => {
    view(null, { participation: "PAUSED" });
    expect(screen.getAllByText("No match yet")[0]).toBeVisible();
    expect(screen.getAllByText(/You are paused/)[0]).toBeVisible();
  });

  it("says when the next round runs when there is no match yet", () => {
    view(null);
    expect(screen.getByTestId("no-match")).toHaveTextContent("The next round runs Monday, 7 December 2026 at 09:00 (Europe/Berlin)");
  });

  it("does not promise the next round while paused through it", () => {
    view(null, { participation: "PAUSED", pausedUntil: "2026-12-10" });
    const text = screen.getByTestId("no-match").textContent ?? "";
    expect(text).toContain("You are paused through Thu, 10 Dec 2026, so you are not in the next round");
    expect(text).not.toContain("The next round runs");
  });

  it("says a pause that ends before the next round leaves me in it", () => {
    view(null, { participation: "PAUSED", pausedUntil: "2026-12-03" });
    expect(screen.getByTestId("no-match")).toHaveTextContent("You are back in the next round, Monday, 7 December 2026");
  });

  it("links to giving feedback on the match", () => {
    view(MATCH);
    expect(screen.getByTestId("give-feedback")).toHaveAttribute("href", "/history?feedback=m1");
  });
});
