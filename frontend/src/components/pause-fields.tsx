/** The fields of a pause: until resumed, or through a last paused day within the allowed range. */

import DatePicker from "@cloudscape-design/components/date-picker";
import FormField from "@cloudscape-design/components/form-field";
import RadioGroup from "@cloudscape-design/components/radio-group";

import { MAX_PAUSE_DAYS, type PauseValues } from "../pages/participation/validation";
import { addDays } from "../time/zoned";

export interface PauseFieldsProps {
  value: PauseValues;
  onChange: (value: PauseValues) => void;
  error: string | undefined;
  today: string;
  controlId: string;
  modeLabel: string;
  indefiniteLabel: string;
  untilDescription: string;
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

export default function PauseFields({ value, onChange, error, today, controlId, modeLabel, indefiniteLabel, untilDescription }: PauseFieldsProps) {
  return (
    <>
      <FormField label={modeLabel}>
        <RadioGroup
          value={value.mode}
          onChange={({ detail }) => onChange({ ...value, mode: detail.value as PauseValues["mode"] })}
          items={[
            { value: "indefinite", label: indefiniteLabel },
            { value: "until", label: "Until a date", description: untilDescription },
          ]}
        />
      </FormField>
      {value.mode === "until" && (
        <FormField label="Last paused day" constraintText="Use YYYY/MM/DD format." errorText={error} controlId={controlId}>
          <DatePicker
            controlId={controlId}
            value={value.until}
            onChange={({ detail }) => onChange({ ...value, until: detail.value })}
            isDateEnabled={(date) => {
              const iso = isoDate(date);
              return iso >= today && iso <= addDays(today, MAX_PAUSE_DAYS);
            }}
            placeholder="YYYY/MM/DD"
            openCalendarAriaLabel={(selected) => "Choose the last paused day" + (selected ? `, selected ${selected}` : "")}
            invalid={!!error}
          />
        </FormField>
      )}
    </>
  );
}
