/** The match message template: subject and body in Jinja2, a live preview against a made-up match. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ExpandableSection from "@cloudscape-design/components/expandable-section";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Spinner from "@cloudscape-design/components/spinner";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import Textarea from "@cloudscape-design/components/textarea";
import { useEffect, useMemo, type FormEvent } from "react";

import type { ApiProblem } from "../../api/errors";
import ErrorAlert from "../../components/error-alert";
import SavedFlash from "../../components/saved-flash";
import { focusFirstInvalid } from "../../forms/use-checked-form";
import { TEMPLATE_LIMITS, validateTemplate, type TemplateValues } from "./template-validation";

export interface RenderedPreview {
  subject: string;
  text: string;
  html: string;
}

export interface TemplatesSectionProps {
  values: TemplateValues;
  defaults: TemplateValues;
  variables: readonly string[];
  isDefault: boolean;
  edited: boolean;
  onChange: (values: TemplateValues) => void;
  onDiscard: () => void;
  onSave: (values: TemplateValues) => void;
  /** Called a moment after typing stops, with values that pass the checks here. */
  onPreview: (values: TemplateValues) => void;
  preview: RenderedPreview | null;
  previewing: boolean;
  /** A problem the API found in the template (or in saving it). */
  problem: ApiProblem | null;
  saving: boolean;
  flash: string | null;
  onDismissFlash: () => void;
  previewDelayMs?: number;
}

export default function TemplatesSection(props: TemplatesSectionProps) {
  const { values, variables, onChange, onPreview, previewDelayMs = 400 } = props;
  const errors = useMemo(() => validateTemplate(values, variables), [values, variables]);
  const valid = Object.keys(errors).length === 0;
  // The API names the field at fault; its message shows on that field.
  const serverError = (field: keyof TemplateValues) => (props.problem?.fields.includes(field) ? props.problem.message : undefined);
  const otherProblem = props.problem && !props.problem.fields.some((f) => f === "subject" || f === "body") ? props.problem : null;

  useEffect(() => {
    if (!valid) return;
    const timer = setTimeout(() => onPreview(values), previewDelayMs);
    return () => clearTimeout(timer);
  }, [values, valid, onPreview, previewDelayMs]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) props.onSave(values);
    else focusFirstInvalid(event.currentTarget instanceof HTMLElement ? event.currentTarget : null);
  };
  const sameAsDefaults = values.subject === props.defaults.subject && values.body === props.defaults.body;

  return (
    <form onSubmit={submit} noValidate aria-label="Match message">
      <Container
        header={
          <Header
            variant="h2"
            description="What people receive when they are matched. Jinja2: {{ variable }}, {% for %} and {% if %}."
            info={props.isDefault && !props.edited ? <StatusIndicator type="info">Built-in text</StatusIndicator> : undefined}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button formAction="none" disabled={sameAsDefaults || props.saving} onClick={() => onChange(props.defaults)}>
                  Use the built-in text
                </Button>
                <Button formAction="none" variant="link" disabled={!props.edited || props.saving} onClick={props.onDiscard}>
                  Discard template changes
                </Button>
                <Button variant="primary" formAction="submit" loading={props.saving} data-testid="save-template">
                  Save template
                </Button>
              </SpaceBetween>
            }
          >
            Match message
          </Header>
        }
      >
        <SpaceBetween size="l">
          <SavedFlash message={props.flash} onDismiss={props.onDismissFlash} />
          {otherProblem ? <ErrorAlert error={otherProblem} /> : null}
          <ColumnLayout columns={2}>
            <SpaceBetween size="m">
              <FormField label="Subject" constraintText={`Up to ${TEMPLATE_LIMITS.subject} characters.`} errorText={errors.subject ?? serverError("subject")} controlId="template-subject">
                <Input controlId="template-subject" value={values.subject} onChange={({ detail }) => onChange({ ...values, subject: detail.value })} invalid={!!(errors.subject ?? serverError("subject"))} />
              </FormField>
              <FormField
                label="Message"
                constraintText={`${values.body.length.toLocaleString("en-GB")} of ${TEMPLATE_LIMITS.body.toLocaleString("en-GB")} characters.`}
                errorText={errors.body ?? serverError("body")}
                controlId="template-body"
              >
                <Textarea controlId="template-body" value={values.body} onChange={({ detail }) => onChange({ ...values, body: detail.value })} invalid={!!(errors.body ?? serverError("body"))} rows={16} spellcheck={false} />
              </FormField>
              <FormField label="Variables">
                <Box variant="code" data-testid="template-variables">
                  {variables.join(", ")}
                </Box>
              </FormField>
            </SpaceBetween>
            <section aria-label="Preview" data-testid="template-preview">
              <SpaceBetween size="s">
                <Box variant="h3">
                  Preview {props.previewing ? <Spinner /> : null}
                </Box>
                <Box variant="small">A made-up match: Ada meets Grace. Nothing is saved or sent.</Box>
                {!valid || serverError("subject") || serverError("body") ? (
                  <StatusIndicator type="warning">Correct the template to see the preview.</StatusIndicator>
                ) : props.preview ? (
                  <SpaceBetween size="s">
                    <KeyValuePairs items={[{ label: "Subject", value: <span data-testid="preview-subject">{props.preview.subject}</span> }]} />
                    <div className="vc-template-preview" data-testid="preview-text">
                      {props.preview.text}
                    </div>
                    <ExpandableSection headerText="HTML part (source)">
                      <div className="vc-template-preview" data-testid="preview-html">
                        {props.preview.html}
                      </div>
                    </ExpandableSection>
                  </SpaceBetween>
                ) : (
                  <StatusIndicator type="loading">Rendering</StatusIndicator>
                )}
              </SpaceBetween>
            </section>
          </ColumnLayout>
        </SpaceBetween>
      </Container>
    </form>
  );
}
