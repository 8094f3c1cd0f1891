import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import AdminSettingsView from "./root";
import type { SettingsValues } from "./validation";

const SAVED: SettingsValues = {
  schedule: "0 9 * * mon",
  timeZone: "Europe/Berlin",
  meetingSize: "2",
  repeatWindow: "6",
  preferCrossTeam: true,
  adminEmails: "admin@example.com",
  allowedEmailDomains: "example.com",
  channels: ["EMAIL", "SLACK"],
  reminderDelayDays: "3",
  gracePeriodHours: "24",
};

function Harness({ onSubmit }: { onSubmit: (v: SettingsValues) => void }) {
  const [values, setValues] = useState(SAVED);
  return (
    <AdminSettingsView
      values={values}
      edited
      myTimeZone="America/New_York"
      onChange={setValues}
      onSubmit={onSubmit}
      onDiscard={() => setValues(SAVED)}
      submitting={false}
      flash={null}
      onDismissFlash={() => undefined}
      now={new Date("2026-11-27T12:00:00Z")}
    />
  );
}

describe("deployment settings form", () => {
  it("previews the schedule's next runs in the deployment's time zone and mine", () => {
    render(<Harness onSubmit={vi.fn()} />);
    expect(screen.getByTestId("schedule-description")).toHaveTextContent("At 09:00 on Monday (Europe/Berlin)");
    const runs = screen.getByRole("list", { name: "Next runs" });
    expect(runs.querySelectorAll("li")).toHaveLength(5);
    expect(runs.querySelector("li")).toHaveTextContent("Monday, 30 November 2026 at 09:00 — Monday, 30 November 2026 at 03:00 your time");
  });

  it("updates the preview as the schedule is typed, and refuses an invalid one", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const schedule = screen.getByLabelText("Rounds run at");
    await userEvent.clear(schedule);
    await userEvent.type(schedule, "0 25 * * *");
    expect(screen.getByText("Enter a valid schedule and time zone to see the next runs.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("The hour must be between 0 and 23, not 25.")[0]).toBeVisible();
    await userEvent.clear(schedule);
    await userEvent.type(schedule, "30 8 * * tue,thu");
    expect(screen.getByTestId("schedule-description")).toHaveTextContent("At 08:30 on Tuesday and Thursday");
  });

  it("checks group size, admins and domains", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.clear(screen.getByLabelText("Group size"));
    await userEvent.type(screen.getByLabelText("Group size"), "1");
    await userEvent.clear(screen.getByLabelText("Admins"));
    await userEvent.type(screen.getByLabelText("Admins"), "boss@example.com{enter}not-an-email");
    await userEvent.type(screen.getByLabelText("Allowed email domains"), "{enter}bad_domain");
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Enter a whole number from 2 to 10.")[0]).toBeVisible();
    expect(screen.getAllByText('"not-an-email" is not an email address.')[0]).toBeVisible();
    expect(screen.getAllByText('"bad_domain" is not a domain such as example.com.')[0]).toBeVisible();
  });

  it("saves valid settings", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.clear(screen.getByLabelText("Group size"));
    await userEvent.type(screen.getByLabelText("Group size"), "3");
    await userEvent.click(screen.getByRole("checkbox", { name: "Telegram" }));
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect(onSubmit).toHaveBeenCalledWith({ ...SAVED, meetingSize: "3", channels: ["EMAIL", "SLACK", "TELEGRAM"] });
  });
});
