/** The deployment settings form: schedule with a preview, group size, repeat window, channels and admins. */

import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import Toggle from "@cloudscape-design/components/toggle";
import type { ReactNode } from "react";
import type { CombinedError } from "urql";

import { useCheckedForm } from "../../forms/use-checked-form";
import ErrorAlert from "../../components/error-alert";
import SavedFlash from "../../components/saved-flash";
import TimeZoneSelect from "../../components/time-zone-select";
import type { Channel } from "../../gql/graphql";
import { CHANNEL_LABELS } from "../notifications/validation";
import SchedulePreview from "./schedule-preview";
import { BOUNDS, validateSettings, type SettingsValues } from "./validation";

const ALL_CHANNELS: Channel[] = ["EMAIL", "SLACK", "TELEGRAM", "SIGNAL"];

export interface AdminSettingsViewProps {
  values: SettingsValues;
  edited: boolean;
  myTimeZone: string;
  onChange: (values: SettingsValues) => void;
  onSubmit: (values: SettingsValues) => void;
  onDiscard: () => void;
  submitting: boolean;
  error?: CombinedError | undefined;
  flash: string | null;
  onDismissFlash: () => void;
  /** Sections saved on their own, shown below the settings form. */
  children?: ReactNode;
}

export default function AdminSettingsView(props: AdminSettingsViewProps) {
  const { values, edited, onChange, onSubmit, onDiscard, submitting, error } = props;
  const { errors, update, submit } = useCheckedForm({
    values,
    onChange,
    validate: validateSettings,
    onValid: (checked) => onSubmit(checked),
  });
  const number = (key: "meetingSize" | "repeatWindow" | "reminderDelayDays" | "gracePeriodHours", label: string, description: string) => (
    <FormField label={label} description={description} constraintText={`${BOUNDS[key][0]} to ${BOUNDS[key][1]}`} errorText={errors[key]} controlId={`settings-${key}`}>
      <Input controlId={`settings-${key}`} type="number" inputMode="numeric" value={values[key]} onChange={({ detail }) => update({ [key]: detail.value })} invalid={!!errors[key]} />
    </FormField>
  );

  return (
    <ContentLayout header={<Header variant="h1" description="How and when this deployment matches people.">Deployment settings</Header>}>
      <form onSubmit={submit} noValidate aria-label="Deployment settings">
        <Form
          errorText={error ? <ErrorAlert error={error} /> : undefined}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button formAction="none" variant="link" disabled={!edited || submitting} onClick={onDiscard}>
                Discard changes
              </Button>
              <Button variant="primary" formAction="submit" loading={submitting} data-testid="save-settings">
                Save settings
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <SavedFlash message={props.flash} onDismiss={props.onDismissFlash} />
            <Container header={<Header variant="h2">Schedule</Header>}>
              <SpaceBetween size="l">
                <ColumnLayout columns={2}>
                  <FormField
                    label="Rounds run at"
                    description="A cron expression: minute hour day-of-month month day-of-week."
                    constraintText="For example 0 9 * * mon for Mondays at 09:00."
                    errorText={errors.schedule}
                    controlId="settings-schedule"
                  >
                    <Input controlId="settings-schedule" value={values.schedule} onChange={({ detail }) => update({ schedule: detail.value })} invalid={!!errors.schedule} />
                  </FormField>
                  <FormField label="In time zone" errorText={errors.timeZone} controlId="settings-time-zone">
                    <TimeZoneSelect controlId="settings-time-zone" value={values.timeZone} onChange={(timeZone) => update({ timeZone })} invalid={!!errors.timeZone} />
                  </FormField>
                </ColumnLayout>
                <FormField label="Next runs">
                  <SchedulePreview schedule={values.schedule} timeZone={values.timeZone} myTimeZone={props.myTimeZone} />
                </FormField>
              </SpaceBetween>
            </Container>
            <Container header={<Header variant="h2">Matching</Header>}>
              <ColumnLayout columns={2}>
                {number("meetingSize", "Group size", "How many people meet in one group.")}
                {number("repeatWindow", "Repeat window", "Recent rounds in which the same people are not matched again; 0 means all.")}
                <FormField label="Teams">
                  <Toggle checked={values.preferCrossTeam} onChange={({ detail }) => update({ preferCrossTeam: detail.checked })}>
                    Prefer matching people from different teams
                  </Toggle>
                </FormField>
              </ColumnLayout>
            </Container>
            <Container header={<Header variant="h2">Notifications</Header>}>
              <SpaceBetween size="l">
                <FormField label="Channels people may use" errorText={errors.channels}>
                  <SpaceBetween direction="horizontal" size="l">
                    {ALL_CHANNELS.map((channel) => (
                      <Checkbox
                        key={channel}
                        // Each box is named by its channel, not by the field's label.
                        nativeInputAttributes={{ "aria-labelledby": undefined, "aria-label": CHANNEL_LABELS[channel] }}
                        checked={values.channels.includes(channel)}
                        onChange={({ detail }) =>
                          update({ channels: detail.checked ? ALL_CHANNELS.filter((c) => c === channel || values.channels.includes(c)) : values.channels.filter((c) => c !== channel) })
                        }
                      >
                        {CHANNEL_LABELS[channel]}
                      </Checkbox>
                    ))}
                  </SpaceBetween>
                </FormField>
                <ColumnLayout columns={2}>
                  {number("reminderDelayDays", "Feedback reminder after (days)", "When to ask people who have not said whether they met.")}
                  {number("gracePeriodHours", "Late-run grace (hours)", "How late a missed round may still run; after that it is skipped.")}
                </ColumnLayout>
              </SpaceBetween>
            </Container>
            <Container header={<Header variant="h2">Access</Header>}>
              <ColumnLayout columns={2}>
                <FormField label="Admins" description="Email addresses, one per line." errorText={errors.adminEmails} controlId="settings-admins">
                  <Textarea controlId="settings-admins" value={values.adminEmails} onChange={({ detail }) => update({ adminEmails: detail.value })} invalid={!!errors.adminEmails} rows={4} />
                </FormField>
                <FormField
                  label="Allowed email domains"
                  description="Only people with these domains may sign up; leave empty to allow any."
                  errorText={errors.allowedEmailDomains}
                  controlId="settings-domains"
                >
                  <Textarea
                    controlId="settings-domains"
                    value={values.allowedEmailDomains}
                    onChange={({ detail }) => update({ allowedEmailDomains: detail.value })}
                    invalid={!!errors.allowedEmailDomains}
                    rows={4}
                  />
                </FormField>
              </ColumnLayout>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
      {props.children ? <div className="vc-section-gap">{props.children}</div> : null}
    </ContentLayout>
  );
}
