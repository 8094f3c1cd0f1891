/** A searchable list of IANA time zones, with the browser's own suggested first. */

import Select, { type SelectProps } from "@cloudscape-design/components/select";
import { useMemo } from "react";

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
  invalid?: boolean;
  disabled?: boolean;
  ariaLabel?: string;
  controlId?: string;
}

export default function TimeZoneSelect({ value, onChange, invalid, disabled, ariaLabel, controlId }: TimeZoneSelectProps) {
  const options = useMemo<SelectProps.Options>(() => {
    const local = browserTimeZone();
    const zones = allTimeZones().filter((zone) => zone !== local);
    return [{ label: local, value: local, description: "This device's time zone" }, ...zones.map((zone) => ({ label: zone, value: zone }))];
  }, []);
  return (
    <Select
      selectedOption={value ? { label: value, value } : null}
      onChange={({ detail }) => onChange(detail.selectedOption.value ?? "")}
      options={options}
      filteringType="auto"
      placeholder="Choose a time zone"
      invalid={invalid}
      disabled={disabled}
      ariaLabel={ariaLabel}
      controlId={controlId}
      virtualScroll
    />
  );
}
