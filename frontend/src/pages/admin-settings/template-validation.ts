/** Checks of a message template before it is previewed or saved; the API checks it again. */

export interface TemplateValues {
  subject: string;
  body: string;
}

export type TemplateErrors = Partial<Record<keyof TemplateValues, string>>;

export const TEMPLATE_LIMITS = { subject: 200, body: 10_000 } as const;

// Names Jinja2 itself provides inside templates, plus its literals.
const BUILT_IN = new Set(["loop", "range", "true", "false", "none", "True", "False", "None", "not", "and", "or", "in", "is", "if", "else"]);

const TAGS: [string, string, string][] = [
  ["{{", "}}", "A {{ has no matching }}."],
  ["{%", "%}", "A {% has no matching %}."],
  ["{#", "#}", "A {# has no matching #}."],
];

function unbalanced(source: string): string | undefined {
  for (const [open, close, message] of TAGS) {
    if (source.split(open).length !== source.split(close).length) return message;
  }
  return undefined;
}

/** Names a template declares itself: loop variables and `set` targets. */
function declared(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/{%-?\s*for\s+([\w\s,]+?)\s+in\s/g)) {
    for (const name of (match[1] ?? "").split(",")) names.add(name.trim());
  }
  for (const match of source.matchAll(/{%-?\s*set\s+(\w+)/g)) names.add(match[1] ?? "");
  return names;
}

/** The first name each expression reads: `reader` of `{{ reader.name }}`, `partners` of `{% for p in partners %}`. */
function used(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/{{-?\s*([A-Za-z_]\w*)/g)) names.push(match[1] ?? "");
  for (const match of source.matchAll(/{%-?\s*(?:for\s+[\w\s,]+?\s+in|if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)/g)) names.push(match[1] ?? "");
  return names;
}

function problemOf(label: string, source: string, limit: number, variables: readonly string[]): string | undefined {
  if (source.trim() === "") return `Enter the ${label}.`;
  if (source.length > limit) return `Keep the ${label} to ${limit.toLocaleString("en-GB")} characters (now ${source.length.toLocaleString("en-GB")}).`;
  const tags = unbalanced(source);
  if (tags) return tags;
  const known = new Set([...variables, ...declared(source), ...BUILT_IN]);
  const unknown = [...new Set(used(source).filter((name) => !known.has(name)))];
  if (unknown.length > 0) return `Unknown variable${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Use one of the variables listed below.`;
  return undefined;
}

export function validateTemplate(values: TemplateValues, variables: readonly string[]): TemplateErrors {
  const errors: TemplateErrors = {};
  const subject = problemOf("subject", values.subject, TEMPLATE_LIMITS.subject, variables);
  if (subject) errors.subject = subject;
  const body = problemOf("message", values.body, TEMPLATE_LIMITS.body, variables);
  if (body) errors.body = body;
  return errors;
}
