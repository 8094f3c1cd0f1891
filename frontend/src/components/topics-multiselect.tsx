/** Topics to talk about: pick from the deployment's most used topics or add your own by typing it. */

import Multiselect, { type MultiselectProps } from "@cloudscape-design/components/multiselect";
import { useMemo, useState } from "react";

/** A topic offered in the list; `people` is how many people of the deployment list it. */
export interface TopicSuggestion {
  topic: string;
  people?: number;
}

// Always offered, after the deployment's own topics, so a new person has something to pick.
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
    const listed = suggestions ?? [];
    const taken = new Set(listed.map((s) => s.topic.toLowerCase()));
    for (const topic of value) taken.add(topic.toLowerCase());
    const starters = STARTER_SUGGESTIONS.filter((s) => !taken.has(s.topic.toLowerCase()));
    const people = new Map(listed.map((s) => [s.topic, s.people]));
    // The deployment's topics, then my own, then the starters nobody has listed yet.
    const known = [...new Set([...listed.map((s) => s.topic), ...value, ...starters.map((s) => s.topic)])];
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

  const addTyped = () => {
    const typed = filter.trim();
    if (typed === "" || value.some((topic) => topic.toLowerCase() === typed.toLowerCase())) return false;
    const known = options.find((option) => option.value?.toLowerCase() === typed.toLowerCase() && !option.tags?.includes("new topic"));
    onChange([...value, known?.value ?? typed]);
    setFilter("");
    return true;
  };

  return (
    // Enter with nothing highlighted adds what was typed; with an option highlighted, the
    // Multiselect picks that option itself.
    <div
      onKeyDownCapture={(event) => {
        const target = event.target as HTMLElement;
        if (event.key !== "Enter" || target.tagName !== "INPUT" || target.getAttribute("aria-activedescendant")) return;
        if (addTyped()) {
          event.preventDefault();
          event.stopPropagation();
        }
      }}
    >
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
    </div>
  );
}
