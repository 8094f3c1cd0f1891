/** The opt-in form: name, time zone and consent to be matched. */

import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, type FormEvent } from "react";
import type { CombinedError } from "urql";

import ErrorAlert from "../../components/error-alert";
import TimeZoneSelect from "../../components/time-zone-select";
import { focusFirstInvalid } from "../../forms/use-checked-form";
import { validateOptIn, type OptInErrors, type OptInValues } from "./validation";

export interface OptInViewProps {
  values: OptInValues;
  onChange: (values: OptInValues) => void;
  onSubmit: (values: OptInValues) => void;
  submitting: boolean;
  /** For admins: leave for the administration without joining. */
  onSkip?: (() => void) | undefined;
  error?: CombinedError | undefined;
}

export default function OptInView({ values, onChange, onSubmit, onSkip, submitting, error }: OptInViewProps) {
  const [errors, setErrors] = useState<OptInErrors>({});
  const [tried, setTried] = useState(false);
  const update = (patch: Partial<OptInValues>) => {
    const next = { ...values, ...patch };
    onChange(next);
    if (tried) setErrors(validateOptIn(next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const found = validateOptIn(values);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit({ ...values, name: values.name.trim() });
    else focusFirstInvalid(event.currentTarget instanceof HTMLElement ? event.currentTarget : null);
  };

  return (
    <div style={{ maxWidth: 640, margin: "48px auto", padding: "0 16px" }}>
      <form onSubmit={submit} noValidate aria-label="Join Virtual Coffee">
        <Form
          header={
            <Header variant="h1" description="Each round pairs you with a colleague for a short chat. You can pause at any time.">
              Join Virtual Coffee
            </Header>
          }
          errorText={error ? <ErrorAlert error={error} /> : undefined}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              {onSkip && (
                <Button formAction="none" variant="link" onClick={onSkip} data-testid="skip-to-admin">
                  Not now, go to administration
                </Button>
              )}
              <Button variant="primary" formAction="submit" loading={submitting} data-testid="join">
                Join
              </Button>
            </SpaceBetween>
          }
        >
          <Container>
            <SpaceBetween size="l">
              <FormField label="Your name" errorText={errors.name} controlId="opt-in-name">
                <Input controlId="opt-in-name" value={values.name} onChange={({ detail }) => update({ name: detail.value })} invalid={!!errors.name} />
              </FormField>
              <FormField
                label="Your time zone"
                description="Availability and suggested meeting times are shown in this time zone."
                errorText={errors.timeZone}
                controlId="opt-in-time-zone"
              >
                <TimeZoneSelect
                  controlId="opt-in-time-zone"
                  value={values.timeZone}
                  onChange={(timeZone) => update({ timeZone })}
                  invalid={!!errors.timeZone}
                />
              </FormField>
              <FormField errorText={errors.consent}>
                <div data-invalid={errors.consent ? "true" : undefined}>
                <Checkbox checked={values.consent} onChange={({ detail }) => update({ consent: detail.checked })} data-testid="consent">
                  Match me with colleagues and share my name, email and topics with the people I am matched with.
                </Checkbox>
                </div>
              </FormField>
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}
