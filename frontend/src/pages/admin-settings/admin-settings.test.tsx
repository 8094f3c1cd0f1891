import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Provider, type Client } from "urql";
import { describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";

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

// The next runs as the server's schedulePreview answers them for "0 9 * * mon" in Berlin.
const RUNS = ["2026-11-30T09:00:00+01:00", "2026-12-07T09:00:00+01:00", "2026-12-14T09:00:00+01:00", "2026-12-21T09:00:00+01:00", "2026-12-28T09:00:00+01:00"];

function Harness({ onSubmit, asked = [] }: { onSubmit: (v: SettingsValues) => void; asked?: unknown[] }) {
  const [values, setValues] = useState(SAVED);
  const [client] = useState(
    () =>
      ({
        executeQuery: ({ variables }: { variables: unknown }) => {
          asked.push(variables);
          return fromValue({ data: { schedulePreview: RUNS } });
        },
      }) as unknown as Client,
  );
  return (
    <Provider value={client}>
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
    />
    </Provider>
  );
}

describe("deployment settings form", () => {
  it("previews the schedule's next runs, from the server, in the deployment's time zone and mine", () => {
    const asked: unknown[] = [];
    render(<Harness onSubmit={vi.fn()} asked={asked} />);
    expect(asked[0]).toEqual({ schedule: "0 9 * * mon", timeZone: "Europe/Berlin", first: 5 });
    expect(screen.getByTestId("schedule-description")).toHaveTextContent("At 09:00, only on Monday (Europe/Berlin)");
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
    expect(screen.getAllByText("Enter a cron expression of five fields, such as 0 9 * * mon.")[0]).toBeVisible();
    expect(schedule).toHaveFocus();
    await userEvent.clear(schedule);
    await userEvent.type(schedule, "30 8 * * tue,thu");
    expect(screen.getByTestId("schedule-description")).toHaveTextContent("At 08:30, only on Tuesday and Thursday");
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
