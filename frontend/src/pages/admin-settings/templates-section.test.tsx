import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { problemFromCode, type ApiProblem } from "../../api/errors";
import type { TemplateValues } from "./template-validation";
import TemplatesSection, { type RenderedPreview } from "./templates-section";

const VARIABLES = ["common_topics", "conversation_starter", "deployment_name", "duration_minutes", "match_url", "partner_names", "partners", "reader", "suggested_time", "time_zone"];
const DEFAULTS: TemplateValues = { subject: "Your coffee chat with {{ partner_names }}", body: "Hi {{ reader.name }},\nyou meet {{ partner_names }}." };

function Harness({
  onSave = vi.fn(),
  onPreview = vi.fn(),
  preview = null,
  problem = null,
  start = DEFAULTS,
}: {
  onSave?: (v: TemplateValues) => void;
  onPreview?: (v: TemplateValues) => void;
  preview?: RenderedPreview | null;
  problem?: ApiProblem | null;
  start?: TemplateValues;
}) {
  const [values, setValues] = useState(start);
  return (
    <TemplatesSection
      values={values}
      defaults={DEFAULTS}
      variables={VARIABLES}
      isDefault={false}
      edited
      onChange={setValues}
      onDiscard={() => setValues(DEFAULTS)}
      onSave={onSave}
      onPreview={onPreview}
      preview={preview}
      previewing={false}
      problem={problem}
      saving={false}
      flash={null}
      onDismissFlash={() => undefined}
      previewDelayMs={150}
    />
  );
}

async function typeBody(text: string) {
  const body = screen.getByLabelText("Message");
  await userEvent.clear(body);
  // user-event reads { and [ as key descriptors; doubled they are typed as written.
  await userEvent.type(body, text.replaceAll("{", "{{").replaceAll("[", "[["));
}

describe("match message template", () => {
  it("asks for a preview of what is typed, once typing stops", async () => {
    const onPreview = vi.fn();
    render(<Harness onPreview={onPreview} />);
    await typeBody("Hello {{ reader.name }}");
    await waitFor(() => expect(onPreview).toHaveBeenLastCalledWith({ subject: DEFAULTS.subject, body: "Hello {{ reader.name }}" }));
    // Not once per key stroke.
    expect(onPreview.mock.calls.length).toBeLessThan(5);
  });

  it("shows the rendered subject and text, and the escaped HTML source", async () => {
    const preview = { subject: "Your coffee chat with Grace", text: "Hi <b>Ada</b>,\nyou meet Grace.", html: "<p>Hi &lt;b&gt;Ada&lt;/b&gt;</p>" };
    render(<Harness preview={preview} />);
    expect(screen.getByTestId("preview-subject")).toHaveTextContent("Your coffee chat with Grace");
    // Shown as text, never as markup.
    expect(screen.getByTestId("preview-text").textContent).toBe("Hi <b>Ada</b>,\nyou meet Grace.");
    expect(screen.getByTestId("preview-text").querySelector("b")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "HTML part (source)" }));
    expect(screen.getByTestId("preview-html").textContent).toBe("<p>Hi &lt;b&gt;Ada&lt;/b&gt;</p>");
  });

  it("names unknown variables and does not preview or save them", async () => {
    const onPreview = vi.fn();
    const onSave = vi.fn();
    render(<Harness onPreview={onPreview} onSave={onSave} preview={{ subject: "s", text: "t", html: "h" }} />);
    await waitFor(() => expect(onPreview).toHaveBeenCalledTimes(1));
    await typeBody("Hi {{ nickname }} and {% for p in partners %}{{ p.name }}{% endfor %}");
    expect(screen.getAllByText("Unknown variable: nickname. Use one of the variables listed below.")[0]).toBeVisible();
    expect(screen.getByText("Correct the template to see the preview.")).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(onSave).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onPreview).toHaveBeenCalledTimes(1);
  });

  it("refuses unclosed tags, an empty subject and an over-long message", async () => {
    render(<Harness />);
    await typeBody("Hi {{ reader.name");
    expect(screen.getAllByText("A {{ has no matching }}.")[0]).toBeVisible();
    await typeBody("{% if reader %}hi");
    expect(screen.queryByText("A {{ has no matching }}.")).toBeNull();
    await userEvent.clear(screen.getByLabelText("Subject"));
    expect(screen.getAllByText("Enter the subject.")[0]).toBeVisible();
  });

  it("counts characters and refuses more than 10,000", () => {
    render(<Harness start={{ subject: "Hi", body: "x".repeat(10_001) }} />);
    expect(screen.getAllByText("Keep the message to 10,000 characters (now 10,001).")[0]).toBeVisible();
  });

  it("shows the API's finding on the field it names", () => {
    const problem = problemFromCode("BAD_USER_INPUT", "The body template does not render: 'dict object' has no attribute 'nickname'", ["body"]);
    render(<Harness problem={problem} />);
    expect(screen.getAllByText("The body template does not render: 'dict object' has no attribute 'nickname'")[0]).toBeVisible();
    expect(screen.getByText("Correct the template to see the preview.")).toBeVisible();
  });

  it("saves valid text, and puts the built-in text back on request", async () => {
    const onSave = vi.fn();
    render(<Harness onSave={onSave} start={{ subject: "Coffee!", body: "See {{ match_url }}" }} />);
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(onSave).toHaveBeenCalledWith({ subject: "Coffee!", body: "See {{ match_url }}" });
    await userEvent.click(screen.getByRole("button", { name: "Use the built-in text" }));
    expect(screen.getByLabelText("Subject")).toHaveValue(DEFAULTS.subject);
    expect(screen.getByLabelText("Message")).toHaveValue(DEFAULTS.body);
    expect(screen.getByRole("button", { name: "Use the built-in text" })).toBeDisabled();
  });
});
