import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import NotificationsView, { type SlackLink, type TestOutcome } from "./root";
import type { NotificationValues } from "./validation";

const SAVED: NotificationValues = {
  email: true,
  slack: false,
  slackWebhook: "",
  telegram: false,
  signal: false,
  signalNumber: "",
  primaryChannel: "EMAIL",
};

function Harness({
  onSubmit,
  onSendTest = vi.fn(),
  outcome = null,
  edited = true,
  telegramLinked = false,
  slack = { app: false, linked: false, name: null },
}: {
  onSubmit: (v: NotificationValues) => void;
  onSendTest?: (c: string) => void;
  outcome?: TestOutcome | null;
  edited?: boolean;
  telegramLinked?: boolean;
  slack?: SlackLink;
}) {
  const [values, setValues] = useState(SAVED);
  return (
    <NotificationsView
      email="ada@example.com"
      telegramLinked={telegramLinked}
      slack={slack}
      channels={["EMAIL", "SLACK", "TELEGRAM", "SIGNAL"]}
      values={values}
      edited={edited}
      onChange={setValues}
      onSubmit={onSubmit}
      onDiscard={() => setValues(SAVED)}
      submitting={false}
      flash={null}
      onDismissFlash={() => undefined}
      onSendTest={onSendTest}
      testing={null}
      testOutcome={outcome}
    />
  );
}

function channel(name: string) {
  return within(screen.getByTestId(`channel-${name}`));
}

describe("notification settings form", () => {
  it("asks for the Slack webhook when Slack is turned on", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.click(channel("SLACK").getByRole("checkbox"));
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Paste the incoming webhook URL Slack gave you.")[0]).toBeVisible();
    await userEvent.type(channel("SLACK").getByLabelText("Incoming webhook URL"), "http://evil.example/hook");
    expect(screen.getAllByText("A Slack webhook starts with https://hooks.slack.com/.")[0]).toBeVisible();
  });

  it("asks for no webhook where the deployment's Slack app links people", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} slack={{ app: true, linked: false, name: null }} />);
    expect(channel("SLACK").queryByLabelText("Incoming webhook URL")).toBeNull();
    expect(channel("SLACK").getByTestId("slack-link").textContent).toContain("Not linked yet");
    await userEvent.click(channel("SLACK").getByRole("checkbox"));
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ slack: true, slackWebhook: "" }));
  });

  it("says whom the Slack app linked", () => {
    render(<Harness onSubmit={vi.fn()} slack={{ app: true, linked: true, name: "ada.lovelace" }} />);
    expect(channel("SLACK").getByTestId("slack-link").textContent).toBe("The deployment's Slack app introduces you in Slack as @ada.lovelace.");
  });

  it("checks the Signal number format", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.click(channel("SIGNAL").getByRole("checkbox"));
    await userEvent.type(channel("SIGNAL").getByLabelText("Phone number"), "0151 1234");
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Use the international format, such as +4915112345678.")[0]).toBeVisible();
  });

  it("has no field for a Telegram chat id: until the bot links a chat, Telegram cannot be turned on", () => {
    render(<Harness onSubmit={vi.fn()} />);
    expect(channel("TELEGRAM").queryByRole("textbox")).toBeNull();
    expect(screen.queryByLabelText(/chat id/i)).toBeNull();
    expect(channel("TELEGRAM").getByRole("checkbox")).toBeDisabled();
    expect(channel("TELEGRAM").getByTestId("telegram-chat")).toHaveTextContent("Choose Connect Telegram");
  });

  it("saves Telegram on for a linked chat, sending no chat id", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} telegramLinked />);
    expect(channel("TELEGRAM").queryByRole("textbox")).toBeNull();
    expect(channel("TELEGRAM").getByTestId("telegram-chat")).toHaveTextContent("the Telegram chat you linked");
    await userEvent.click(channel("TELEGRAM").getByRole("checkbox"));
    await userEvent.click(screen.getByRole("radio", { name: "Telegram" }));
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).toHaveBeenCalledWith({ ...SAVED, telegram: true, primaryChannel: "TELEGRAM" });
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty("telegramChatId");
  });

  it("will not keep a primary channel that is turned off", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.click(channel("EMAIL").getByRole("checkbox"));
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByText("Email is off; turn it on or choose another primary channel.")[0]).toBeVisible();
  });

  it("saves Slack as primary with its webhook", async () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    await userEvent.click(channel("SLACK").getByRole("checkbox"));
    await userEvent.type(channel("SLACK").getByLabelText("Incoming webhook URL"), " https://hooks.slack.com/services/T0/B0/x ");
    await userEvent.click(screen.getByRole("radio", { name: "Slack" }));
    await userEvent.click(screen.getByRole("button", { name: "Save notification settings" }));
    expect(onSubmit).toHaveBeenCalledWith({ ...SAVED, slack: true, slackWebhook: "https://hooks.slack.com/services/T0/B0/x", primaryChannel: "SLACK" });
  });

  it("sends a test only on saved settings and shows the outcome", async () => {
    const onSendTest = vi.fn();
    const { rerender } = render(<Harness onSubmit={vi.fn()} onSendTest={onSendTest} edited />);
    expect(channel("EMAIL").getByRole("button", { name: "Send test" })).toHaveAttribute("aria-disabled", "true");
    rerender(<Harness onSubmit={vi.fn()} onSendTest={onSendTest} edited={false} outcome={{ channel: "EMAIL", kind: "failed", message: "Mailbox unavailable" }} />);
    await userEvent.click(channel("EMAIL").getByRole("button", { name: "Send test" }));
    expect(onSendTest).toHaveBeenCalledWith("EMAIL");
    expect(screen.getByTestId("test-outcome")).toHaveTextContent("Email did not deliver the test message");
    expect(screen.getByTestId("test-outcome")).toHaveTextContent("Mailbox unavailable");
  });
});
