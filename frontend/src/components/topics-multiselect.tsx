/** Topics to talk about: pick from suggestions or add your own by typing it. */

import Multiselect, { type MultiselectProps } from "@cloudscape-design/components/multiselect";
import { useMemo, useState } from "react";

export const SUGGESTED_TOPICS = [
  "Books",
  "Career growth",
  "Coffee",
  "Cooking",
  "Design",
  "Films and series",
  "Gaming",
  "Hiking",
  "Languages",
  "Music",
  "Parenting",
  "Pets",
  "Photography",
  "Running",
  "Science",
  "Software engineering",
  "Sports",
  "Travel",
] as const;

export interface TopicsMultiselectProps {
  value: string[];
  onChange: (topics: string[]) => void;
  suggestions?: readonly string[];
  invalid?: boolean;
  controlId?: string;
}

export default function TopicsMultiselect({ value, onChange, suggestions = SUGGESTED_TOPICS, invalid, controlId }: TopicsMultiselectProps) {
  const [filter, setFilter] = useState("");
  const options = useMemo<MultiselectProps.Option[]>(() => {
    const known = [...new Set([...suggestions, ...value])].sort((a, b) => a.localeCompare(b));
    const needle = filter.trim().toLowerCase();
    const matching = known.filter((topic) => topic.toLowerCase().includes(needle)).map((topic) => ({ label: topic, value: topic }));
    const exact = known.some((topic) => topic.toLowerCase() === needle);
    return needle && !exact ? [{ label: `Add "${filter.trim()}"`, value: filter.trim(), tags: ["new topic"] }, ...matching] : matching;
  }, [filter, suggestions, value]);

  return (
    <Multiselect
      controlId={controlId}
      selectedOptions={value.map((topic) => ({ label: topic, value: topic }))}
      onChange={({ detail }) => {
        onChange(detail.selectedOptions.map((option) => option.value ?? "").filter((topic) => topic.length > 0));
        setFilter("");
      }}
      options={options}
      filteringType="manual"
      onLoadItems={({ detail }) => setFilter(detail.filteringText)}
      filteringPlaceholder="Find or type a new topic"
      placeholder="Choose topics"
      deselectAriaLabel={(option) => `Remove ${option.label ?? ""}`}
      invalid={invalid}
      tokenLimit={6}
      empty="Type to add a topic"
    />
  );
}
