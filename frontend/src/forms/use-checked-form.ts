/** A form checked on submit, and on every change after the first submit: errors, update, submit. */

import { useState, type FormEvent } from "react";

export interface CheckedFormOptions<V extends object, E extends object> {
  values: V;
  onChange: (values: V) => void;
  validate: (values: V) => E;
  onValid: (values: V) => void;
}

const INVALID = '[aria-invalid="true"], [data-invalid="true"]';

/**
 * Moves focus (and so the view) to the first field marked invalid in `form`, once the errors have
 * rendered. Controls of our own mark themselves with data-invalid; Cloudscape's set aria-invalid.
 */
export function focusFirstInvalid(form: HTMLElement | null): void {
  if (form === null) return;
  window.setTimeout(() => {
    const target = form.querySelector<HTMLElement>(INVALID);
    if (target === null) return;
    const focusable = target.matches("input, textarea, select, button, [tabindex]") ? target : target.querySelector<HTMLElement>("input, textarea, button, [tabindex]");
    const element = focusable ?? target;
    element.focus({ preventScroll: true });
    // jsdom has no layout, so no scrollIntoView.
    if (typeof element.scrollIntoView === "function") element.scrollIntoView({ block: "center" });
  }, 0);
}

export function useCheckedForm<V extends object, E extends object>({ values, onChange, validate, onValid }: CheckedFormOptions<V, E>) {
  const [errors, setErrors] = useState<Partial<E>>({});
  const [tried, setTried] = useState(false);
  const update = (patch: Partial<V>) => {
    const next = { ...values, ...patch };
    onChange(next);
    if (tried) setErrors(validate(next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const found = validate(values);
    setErrors(found);
    if (!Object.values(found).some((value) => value !== undefined)) onValid(values);
    else focusFirstInvalid(event.currentTarget instanceof HTMLElement ? event.currentTarget : null);
  };
  return { errors, update, submit };
}
