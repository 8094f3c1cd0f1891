import createWrapper from "@cloudscape-design/components/test-utils/dom";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import ParticipationView, { type ParticipationViewProps } from "./root";

function view(overrides: Partial<ParticipationViewProps> = {}) {
  const props: ParticipationViewProps = {
    status: "ACTIVE",
    pausedUntil: null,
    nextRoundAt: "2026-12-07T08:00:00+00:00",
    timeZone: "Europe/Berlin",
    today: "2026-12-01",
    busy: false,
    flash: null,
    onDismissFlash: () => undefined,
    onPause: vi.fn(async () => true),
    onResume: vi.fn(async () => true),
    ...overrides,
  };
  render(<ParticipationView {...props} />);
  return props;
}

function modal(name: string) {
  return within(screen.getByRole("dialog", { name }));
}

describe("participation", () => {
  it("shows the next round in my time zone", () => {
    view();
    expect(screen.getByText("Monday, 7 December 2026 at 09:00 (Europe/Berlin)")).toBeInTheDocument();
  });

  it("asks before pausing, and pauses until resumed", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("checkbox", { name: "Take part in coffee rounds" }));
    expect(modal("Pause coffee rounds?").getAllByText("You will not be matched", { exact: false })[0]).toBeVisible();
    await userEvent.click(modal("Pause coffee rounds?").getByRole("button", { name: "Pause" }));
    expect(props.onPause).toHaveBeenCalledWith(null);
  });

  it("cancelling the modal changes nothing", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("checkbox", { name: "Take part in coffee rounds" }));
    await userEvent.click(modal("Pause coffee rounds?").getByRole("button", { name: "Cancel" }));
    expect(props.onPause).not.toHaveBeenCalled();
  });

  it("refuses a pause end date in the past", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("checkbox", { name: "Take part in coffee rounds" }));
    await userEvent.click(modal("Pause coffee rounds?").getByRole("radio", { name: /Until a date/ }));
    const picker = createWrapper(document.body).findModal()?.findContent().findDatePicker();
    act(() => picker?.setInputValue("2026/11/30"));
    await userEvent.click(modal("Pause coffee rounds?").getByRole("button", { name: "Pause" }));
    expect(props.onPause).not.toHaveBeenCalled();
    expect(modal("Pause coffee rounds?").getAllByText("Choose today or a later day.")[0]).toBeVisible();
  });

  it("pauses until a chosen date", async () => {
    const props = view();
    await userEvent.click(screen.getByRole("checkbox", { name: "Take part in coffee rounds" }));
    await userEvent.click(modal("Pause coffee rounds?").getByRole("radio", { name: /Until a date/ }));
    const picker = createWrapper(document.body).findModal()?.findContent().findDatePicker();
    act(() => picker?.setInputValue("2026/12/24"));
    await userEvent.click(modal("Pause coffee rounds?").getByRole("button", { name: "Pause" }));
    expect(props.onPause).toHaveBeenCalledWith("2026-12-24");
  });

  it("asks before resuming a paused person", async () => {
    const props = view({ status: "PAUSED", pausedUntil: "2026-12-24" });
    expect(screen.getByTestId("participation-status")).toHaveTextContent("Paused through Thu, 24 Dec 2026");
    await userEvent.click(screen.getByRole("checkbox", { name: "Take part in coffee rounds" }));
    await userEvent.click(modal("Resume coffee rounds?").getByRole("button", { name: "Resume" }));
    expect(props.onResume).toHaveBeenCalled();
  });
});
