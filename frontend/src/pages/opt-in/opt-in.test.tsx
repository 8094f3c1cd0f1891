import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import OptInView from "./root";
import type { OptInValues } from "./validation";

function Harness({ initial, onSubmit }: { initial: OptInValues; onSubmit: (values: OptInValues) => void }) {
  const [values, setValues] = useState(initial);
  return <OptInView values={values} onChange={setValues} onSubmit={onSubmit} submitting={false} />;
}

describe("opt-in form", () => {
  it("refuses to join without a name or consent and says why", async () => {
    const onSubmit = vi.fn();
    render(<Harness initial={{ name: "  ", timeZone: "Europe/Berlin", consent: false }} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Enter the name colleagues know you by.")[0]).toBeVisible();
    expect(screen.getAllByText("Tick the box to take part in the coffee rounds.")[0]).toBeVisible();
  });

  it("joins with the trimmed name and chosen time zone once consent is given", async () => {
    const onSubmit = vi.fn();
    render(<Harness initial={{ name: "", timeZone: "Europe/Berlin", consent: false }} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText("Your name"), "  Ada Lovelace ");
    await userEvent.click(screen.getByRole("checkbox"));
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onSubmit).toHaveBeenCalledWith({ name: "Ada Lovelace", timeZone: "Europe/Berlin", consent: true });
  });

  it("clears an error as soon as the value is fixed", async () => {
    const onSubmit = vi.fn();
    render(<Harness initial={{ name: "", timeZone: "Europe/Berlin", consent: true }} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(screen.getAllByText("Enter the name colleagues know you by.")[0]).toBeVisible();
    await userEvent.type(screen.getByLabelText("Your name"), "Ada");
    expect(screen.queryByText("Enter the name colleagues know you by.")).toBeNull();
  });

  it("rejects a time zone that does not exist", async () => {
    const onSubmit = vi.fn();
    render(<Harness initial={{ name: "Ada", timeZone: "Mars/Olympus", consent: true }} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Choose your time zone from the list.")[0]).toBeVisible();
  });
});
