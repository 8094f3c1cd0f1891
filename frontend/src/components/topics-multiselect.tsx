/** Topics to talk about: pick from the deployment's most used topics or add your own by typing it. */

import Multiselect, { type MultiselectProps } from "@cloudscape-design/components/multiselect";
import { useMemo, useState } from "react";

/** A topic offered in the list; `people` is how many people of the deployment list it. */
export interface TopicSuggestion {
  topic: string;
  people?: number;
}

// Offered while nobody in the deployment has listed a topic yet.
export const STARTER_TOPICS = [
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

const STARTER_SUGGESTIONS: readonly TopicSuggestion[] = STARTER_TOPICS.map((topic) => ({ topic }));

export interface TopicsMultiselectProps {
  value: string[];
  onChange: (topics: string[]) => void;
  /** Offered in this order, most used first; empty or left out offers the starter topics. */
  suggestions?: readonly TopicSuggestion[];
  invalid?: boolean;
  controlId?: string;
}

export default function TopicsMultiselect({ value, onChange, suggestions, invalid, controlId }: TopicsMultiselectProps) {
  const [filter, setFilter] = useState("");
  const options = useMemo<MultiselectProps.Option[]>(() => {
    const offered = suggestions && suggestions.length > 0 ? suggestions : STARTER_SUGGESTIONS;
    const people = new Map(offered.map((s) => [s.topic, s.people]));
    const known = [...new Set([...offered.map((s) => s.topic), ...value])];
    const needle = filter.trim().toLowerCase();
    const matching = known
      .filter((topic) => topic.toLowerCase().includes(needle))
      .map((topic) => {
        const count = people.get(topic);
        return count === undefined ? { label: topic, value: topic } : { label: topic, value: topic, tags: [count === 1 ? "1 person" : `${count} people`] };
      });
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
