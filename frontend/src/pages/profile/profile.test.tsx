import createWrapper from "@cloudscape-design/components/test-utils/dom";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import PreferencesForm from "./preferences-form";
import ProfileForm from "./profile-form";
import type { PreferencesValues, ProfileValues } from "./validation";

const PROFILE: ProfileValues = { name: "Ada", displayName: "", pronouns: "", title: "", team: "", bio: "" };
const PREFERENCES: PreferencesValues = { timeZone: "Europe/Berlin", availability: [], topics: [], meetingLength: 30 };

function ProfileHarness({ onSubmit, initial = PROFILE }: { onSubmit: (v: ProfileValues) => void; initial?: ProfileValues }) {
  const [values, setValues] = useState(initial);
  return <ProfileForm email="ada@example.com" values={values} edited onChange={setValues} onSubmit={onSubmit} onDiscard={() => setValues(initial)} submitting={false} />;
}

function PreferencesHarness({
  onSubmit,
  initial = PREFERENCES,
  topicSuggestions,
}: {
  onSubmit: (v: PreferencesValues) => void;
  initial?: PreferencesValues;
  topicSuggestions?: { topic: string; people: number }[];
}) {
  const [values, setValues] = useState(initial);
  return <PreferencesForm values={values} edited onChange={setValues} onSubmit={onSubmit} onDiscard={() => setValues(initial)} submitting={false} topicSuggestions={topicSuggestions} />;
}

describe("profile form", () => {
  it("requires a name", async () => {
    const onSubmit = vi.fn();
    render(<ProfileHarness onSubmit={onSubmit} />);
    await userEvent.clear(screen.getByLabelText("Name"));
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Enter the name colleagues know you by.")[0]).toBeVisible();
  });

  it("refuses a bio over 1000 characters and shows the count", async () => {
    const onSubmit = vi.fn();
    render(<ProfileHarness onSubmit={onSubmit} initial={{ ...PROFILE, bio: "x".repeat(1001) }} />);
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Use at most 1000 characters (now 1001).")[0]).toBeVisible();
  });

  it("saves trimmed optional fields", async () => {
    const onSubmit = vi.fn();
    render(<ProfileHarness onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText(/^Team/), "  Platform ");
    await userEvent.type(screen.getByLabelText(/^Pronouns/), "she/her");
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    expect(onSubmit).toHaveBeenCalledWith({ ...PROFILE, team: "Platform", pronouns: "she/her" });
  });
});

describe("preferences form", () => {
  it("shows my time zone with the availability grid", () => {
    render(<PreferencesHarness onSubmit={vi.fn()} />);
    expect(screen.getByRole("grid", { name: "Availability by weekday and hour, in Europe/Berlin" })).toBeInTheDocument();
    expect(screen.getByTestId("availability-summary")).toHaveTextContent("Any time (Europe/Berlin)");
  });

  it("saves the hours picked in the grid as slots, by pointer and by keyboard", async () => {
    const onSubmit = vi.fn();
    render(<PreferencesHarness onSubmit={onSubmit} />);
    const cell = (name: string) => screen.getByRole("gridcell", { name });
    await userEvent.click(cell("Monday 09:00"));
    await userEvent.click(cell("Monday 10:00"));
    await userEvent.click(cell("Wednesday 14:00"));
    expect(cell("Monday 09:00")).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("availability-summary")).toHaveTextContent("Mon 09:00–11:00, Wed 14:00–15:00");
    await userEvent.click(cell("Monday 10:00"));
    // One Tab stop: the grid keeps a single focusable cell, the one last used.
    expect(screen.getByRole("grid").querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    await userEvent.keyboard("{ArrowDown}{ArrowRight} ");
    expect(cell("Tuesday 11:00")).toHaveFocus();
    expect(cell("Tuesday 11:00")).toHaveAttribute("aria-selected", "true");
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    const saved = onSubmit.mock.calls[0]?.[0] as PreferencesValues;
    expect(saved.availability).toEqual(["mon-09", "tue-11", "wed-14"]);
  });

  it("fills working hours in my zone from a preset", async () => {
    const onSubmit = vi.fn();
    render(<PreferencesHarness onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole("button", { name: /^Presets in my zone/ }));
    await userEvent.click(screen.getByText("Working hours, Mon–Fri 09:00–17:00"));
    expect(screen.getByTestId("availability-summary")).toHaveTextContent(
      "Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00, Thu 09:00–17:00, Fri 09:00–17:00 (Europe/Berlin)",
    );
  });

  it("refuses more than twenty topics", async () => {
    const onSubmit = vi.fn();
    const topics = Array.from({ length: 21 }, (_, i) => `Topic ${i}`);
    render(<PreferencesHarness onSubmit={onSubmit} initial={{ ...PREFERENCES, topics }} />);
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Choose at most 20 topics.")[0]).toBeVisible();
  });

  it("requires a meeting length", async () => {
    const onSubmit = vi.fn();
    render(<PreferencesHarness onSubmit={onSubmit} initial={{ ...PREFERENCES, meetingLength: null }} />);
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(screen.getAllByText("Choose how long you like to meet.")[0]).toBeVisible();
    // The person is taken to the field to correct.
    await waitFor(() => expect(document.activeElement?.closest('[data-testid="meeting-length"]')).not.toBeNull());
    const length = createWrapper(document.body).findSelect('[data-testid="meeting-length"]');
    if (!length) throw new Error("no meeting length select");
    act(() => length.openDropdown());
    act(() => length.selectOptionByValue("45"));
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ meetingLength: 45 }));
  });

  it("offers the deployment's most used topics, most first, with how many list them", async () => {
    const onSubmit = vi.fn();
    const suggestions = [
      { topic: "Jazz", people: 3 },
      { topic: "Climbing", people: 2 },
      { topic: "Sourdough", people: 1 },
    ];
    render(<PreferencesHarness onSubmit={onSubmit} initial={{ ...PREFERENCES, topics: ["Beekeeping"] }} topicSuggestions={suggestions} />);
    const topics = createWrapper(document.body).findMultiselect();
    if (!topics) throw new Error("no topics multiselect");
    act(() => topics.openDropdown());
    const options = topics.findDropdown().findOptions();
    const labels = options.map((o) => o.findLabel().getElement().textContent);
    expect(labels.slice(0, 4)).toEqual(["Jazz", "Climbing", "Sourdough", "Beekeeping"]);
    // The starter topics stay on offer after the deployment's own.
    expect(labels.slice(4)).toContain("Travel");
    expect(options[0]?.getElement()).toHaveTextContent("3 people");
    expect(options[2]?.getElement()).toHaveTextContent("1 person");
    act(() => topics.findFilteringInput()?.setInputValue("trav"));
    await waitFor(() => expect(topics.findDropdown().findOptionByValue("trav")?.getElement()).toHaveTextContent('Add "trav"'));
    expect(topics.findDropdown().findOptionByValue("Travel")).toBeTruthy();
    act(() => topics.findFilteringInput()?.setInputValue("cli"));
    await waitFor(() => expect(topics.findDropdown().findOptionByValue("Climbing")).toBeTruthy());
    act(() => topics.selectOptionByValue("Climbing"));
    act(() => topics.closeDropdown());
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ topics: ["Beekeeping", "Climbing"] }));
  });

  it("adds a topic typed by the person, not only suggestions", async () => {
    const onSubmit = vi.fn();
    render(<PreferencesHarness onSubmit={onSubmit} />);
    const topics = createWrapper(document.body).findMultiselect();
    if (!topics) throw new Error("no topics multiselect");
    act(() => topics.openDropdown());
    act(() => topics.findFilteringInput()?.setInputValue("Beekeeping"));
    // The multiselect reports typed text after a short debounce.
    await waitFor(() => expect(topics.findDropdown().findOptionByValue("Beekeeping")?.getElement()).toHaveTextContent('Add "Beekeeping"'));
    act(() => topics.selectOptionByValue("Beekeeping"));
    act(() => topics.findFilteringInput()?.setInputValue("trav"));
    await waitFor(() => expect(topics.findDropdown().findOptionByValue("Travel")).toBeTruthy());
    act(() => topics.selectOptionByValue("Travel"));
    act(() => topics.closeDropdown());
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ topics: ["Beekeeping", "Travel"] }));
  });
});
