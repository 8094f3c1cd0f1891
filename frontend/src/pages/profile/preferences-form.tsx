/** The preferences form: my time zone, when I am free, what I like to talk about, how long I meet. */

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { CombinedError } from "urql";

import AvailabilityGrid from "../../components/availability-grid";
import { PRESETS, presetSlots } from "../../components/availability-grid/presets";
import { describeSlots } from "../../components/availability-grid/slots";
import { UnsavedNote } from "../../forms/unsaved-changes";
import { useCheckedForm } from "../../forms/use-checked-form";
import ErrorAlert from "../../components/error-alert";
import TimeZoneSelect from "../../components/time-zone-select";
import TopicsMultiselect, { type TopicSuggestion } from "../../components/topics-multiselect";
import { MEETING_LENGTH_CHOICES, validatePreferences, type PreferencesValues } from "./validation";

export interface PreferencesFormProps {
  values: PreferencesValues;
  edited: boolean;
  onChange: (values: PreferencesValues) => void;
  onSubmit: (values: PreferencesValues) => void;
  onDiscard: () => void;
  submitting: boolean;
  error?: CombinedError | undefined;
  topicSuggestions?: readonly TopicSuggestion[];
}

function lengthOption(minutes: number): SelectProps.Option {
  return { value: String(minutes), label: `${minutes} minutes` };
}

export default function PreferencesForm(props: PreferencesFormProps) {
  const { values, edited, onChange, onSubmit, onDiscard, submitting, error } = props;
  const { errors, update, submit } = useCheckedForm({
    values,
    onChange,
    validate: validatePreferences,
    onValid: (checked) => onSubmit({ ...checked, topics: checked.topics.map((topic) => topic.trim()) }),
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Preferences">
      <Form
        errorText={error ? <ErrorAlert error={error} /> : undefined}
        secondaryActions={<UnsavedNote edited={edited} />}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" disabled={!edited || submitting} onClick={onDiscard}>
              Discard changes
            </Button>
            <Button variant="primary" formAction="submit" loading={submitting} data-testid="save-preferences">
              Save preferences
            </Button>
          </SpaceBetween>
        }
      >
        <Container header={<Header variant="h2" description="Used to pick who you meet and when.">Preferences</Header>}>
          <SpaceBetween size="l">
            <FormField
              label="My time zone"
              description="Your availability below and suggested meeting times are in this time zone."
              errorText={errors.timeZone}
              controlId="preferences-time-zone"
            >
              <TimeZoneSelect controlId="preferences-time-zone" value={values.timeZone} onChange={(timeZone) => update({ timeZone })} invalid={!!errors.timeZone} />
            </FormField>
            <FormField
              label="Availability"
              description={`The hours you are usually free, in ${values.timeZone || "your time zone"}. Press and drag to paint several hours; with the keyboard, arrow keys move and Space toggles. Select none to mean any time.`}
              errorText={errors.availability}
              stretch
            >
              <SpaceBetween size="xs">
                <AvailabilityGrid
                  value={values.availability}
                  onChange={(availability) => update({ availability })}
                  timeZone={values.timeZone}
                  invalid={!!errors.availability}
                />
                <Box variant="small" data-testid="availability-summary">
                  {describeSlots(values.availability)} ({values.timeZone})
                </Box>
                <SpaceBetween direction="horizontal" size="xs">
                  <ButtonDropdown
                    items={PRESETS.map((preset) => ({ id: preset.id, text: preset.label }))}
                    onItemClick={({ detail }) => {
                      const preset = PRESETS.find((candidate) => candidate.id === detail.id);
                      if (preset) update({ availability: presetSlots(preset) });
                    }}
                    ariaLabel={`Presets in my zone, ${values.timeZone || "not chosen yet"}`}
                    data-testid="availability-presets"
                  >
                    Presets in my zone
                  </ButtonDropdown>
                  <Button formAction="none" variant="normal" disabled={values.availability.length === 0} onClick={() => update({ availability: [] })}>
                    Clear
                  </Button>
                </SpaceBetween>
              </SpaceBetween>
            </FormField>
            <FormField label="Topics" description="What you like to talk about; shown to the people you meet." errorText={errors.topics} controlId="preferences-topics">
              <TopicsMultiselect controlId="preferences-topics" suggestions={props.topicSuggestions} value={values.topics} onChange={(topics) => update({ topics })} invalid={!!errors.topics} />
            </FormField>
            <FormField label="Meeting length" errorText={errors.meetingLength} controlId="preferences-meeting-length">
              <Select
                controlId="preferences-meeting-length"
                selectedOption={values.meetingLength === null ? null : lengthOption(values.meetingLength)}
                onChange={({ detail }) => update({ meetingLength: Number(detail.selectedOption.value) })}
                options={MEETING_LENGTH_CHOICES.map(lengthOption)}
                placeholder="Choose a length"
                data-testid="meeting-length"
                invalid={!!errors.meetingLength}
              />
            </FormField>
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}
